using System.Net.ServerSentEvents;
using System.Text.Json;
using Workbook.Shop.Dashboard;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>A client of <c>GET /dashboard/events</c>: reads the server-sent snapshots as they come.</summary>
internal sealed class DashboardStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<DashboardSnapshot?>> _events;

    private DashboardStream(HttpResponseMessage response, Stream body, CancellationToken ct)
    {
        _response = response;
        _events = SseParser.Create(body, (_, data) => JsonSerializer.Deserialize<DashboardSnapshot>(data, Json.Options)).EnumerateAsync(ct).GetAsyncEnumerator(ct);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Every event read so far, oldest first.</summary>
    public List<SseItem<DashboardSnapshot?>> Seen { get; } = [];

    public static async Task<DashboardStream> OpenAsync(HttpClient client, CancellationToken ct)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/events"), HttpCompletionOption.ResponseHeadersRead, ct);
        return new DashboardStream(response, await response.Content.ReadAsStreamAsync(ct), ct);
    }

    /// <summary>Reads events until one satisfies <paramref name="done"/>; fails after <paramref name="timeout"/> with the last one seen.</summary>
    public async Task<DashboardSnapshot> UntilAsync(string what, Func<DashboardSnapshot, bool> done, TimeSpan? timeout = null)
    {
        var read = ReadUntilAsync(done);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        if (await Task.WhenAny(read, Task.Delay(limit, TestContext.Current.CancellationToken)) != read)
        {
            throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for a snapshot with {what}. Last seen: {JsonSerializer.Serialize(Seen.LastOrDefault().Data, Json.Options)}");
        }

        return await read;
    }

    /// <summary>True when the server ended the stream (after reading what was left).</summary>
    public async Task<bool> EndedAsync()
    {
        while (await _events.MoveNextAsync())
        {
            Seen.Add(_events.Current);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
        {
            // the response was closed under the parser
        }
    }

    private async Task<DashboardSnapshot> ReadUntilAsync(Func<DashboardSnapshot, bool> done)
    {
        while (await _events.MoveNextAsync())
        {
            Seen.Add(_events.Current);
            if (_events.Current.Data is { } snapshot && done(snapshot))
            {
                return snapshot;
            }
        }

        throw new InvalidOperationException("The server ended the event stream.");
    }
}
