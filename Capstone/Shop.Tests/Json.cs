using System.Net.Http.Json;
using System.Text.Json;
using Workbook.Contracts;

namespace Workbook.Shop.Tests;

/// <summary>The shop's JSON in tests: the workbook's snake_case.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options => WorkbookJson.Options;

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body, CancellationToken ct) =>
        client.PostAsJsonAsync(url, body, Options, ct);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body, CancellationToken ct) =>
        client.PutAsJsonAsync(url, body, Options, ct);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, CancellationToken ct) =>
        (await response.Content.ReadFromJsonAsync<T>(Options, ct))!;

    /// <summary>The request is made by this user. Tests say who calls only through this and <see cref="AsAdmin"/>.</summary>
    public static HttpRequestMessage As(this HttpRequestMessage request, string user)
    {
        request.Headers.Add("X-User-Id", user);
        return request;
    }

    /// <summary>The request is made by an administrator (catalog writes, dead letters, simulation, /admin).</summary>
    public static HttpRequestMessage AsAdmin(this HttpRequestMessage request) => request;
}
