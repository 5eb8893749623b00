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

    /// <summary>A request with this JSON body (none when null); say who sends it with <see cref="As"/> or <see cref="AsAdmin"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Options) };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, CancellationToken ct) =>
        (await response.Content.ReadFromJsonAsync<T>(Options, ct))!;

    /// <summary>
    /// The request is made by this user: a bearer token for it from the test shops' development issuer
    /// (<see cref="TestTokens"/>). Tests say who calls only through this and <see cref="AsAdmin"/>.
    /// </summary>
    public static HttpRequestMessage As(this HttpRequestMessage request, string user) =>
        request.WithToken(TestTokens.User(user));

    /// <summary>The request is made by an administrator (catalog writes, dead letters, simulation, /admin): a token with role admin.</summary>
    public static HttpRequestMessage AsAdmin(this HttpRequestMessage request) =>
        request.WithToken(TestTokens.Admin);

    /// <summary>The request carries exactly this bearer token (a hostile test's forged or expired one).</summary>
    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
