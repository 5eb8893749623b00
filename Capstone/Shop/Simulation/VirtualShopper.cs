using System.Net;
using System.Text.Json;

namespace Workbook.Shop.Simulation;

/// <summary>
/// One simulated shopper with its own user id and its user token: opens the catalog, then, with a pause before every request, views a
/// product picked by <see cref="ZipfPicker"/>, sometimes adds it to the cart and sometimes checks the cart out (with an
/// <c>Idempotency-Key</c>, reused when a checkout got no answer). All through the shop's public HTTP API.
/// </summary>
internal sealed class VirtualShopper(string userId, string token, HttpClient client, SimulationRun run, TimeSpan thinkTime, TimeProvider time, Random random)
{
    private const double AddChance = 0.4;
    private const double CheckoutChance = 0.3;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private string? _pendingCheckoutKey;
    private CancellationToken _stop;

    /// <summary>
    /// Shops until <paramref name="stop"/> is cancelled, then returns (never throws for that). A request in flight is
    /// finished first, so every order the shop placed for this shopper was counted; <paramref name="abort"/> (the host
    /// stopping) cancels the request itself.
    /// </summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        _stop = stop;
        try
        {
            IReadOnlyList<string> products = [];
            while (products.Count == 0)
            {
                await ThinkAsync(stop);
                products = await CatalogAsync(abort);
            }

            var popularity = new ZipfPicker(products.Count);
            var itemsInCart = false;
            while (true)
            {
                await ThinkAsync(stop);
                var product = products[popularity.Next(random)];
                await SendAsync(HttpMethod.Get, $"products/{Uri.EscapeDataString(product)}", null, abort);

                if (random.NextDouble() < AddChance)
                {
                    await ThinkAsync(stop);
                    var body = new { product_id = product, quantity = random.Next(1, 4) };
                    itemsInCart |= await SendAsync(HttpMethod.Post, "cart/items", JsonContent.Create(body), abort) == HttpStatusCode.OK;
                }

                if (itemsInCart && random.NextDouble() < CheckoutChance)
                {
                    await ThinkAsync(stop);
                    itemsInCart = !await CheckoutAsync(abort);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested || abort.IsCancellationRequested)
        {
            // Stopped: the run is over.
        }
    }

    /// <summary>True when the cart is empty afterwards (the order was placed, or there was nothing to check out).</summary>
    private async Task<bool> CheckoutAsync(CancellationToken cancellationToken)
    {
        _pendingCheckoutKey ??= Guid.NewGuid().ToString("N");
        var status = await SendAsync(HttpMethod.Post, "cart/checkout", JsonContent.Create(new { email = $"{userId}@example.com" }), cancellationToken, _pendingCheckoutKey);
        if (status is null)
        {
            return false; // no answer: the order may exist, so the retry keeps the key
        }

        _pendingCheckoutKey = null;
        if (status == HttpStatusCode.Created)
        {
            run.OrderPlaced();
        }

        return status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict;
    }

    private async Task<IReadOnlyList<string>> CatalogAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "products", null, null);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            run.Request(response.IsSuccessStatusCode);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return [.. json.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()).OfType<string>()];
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or InvalidOperationException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            run.Request(succeeded: false);
            return [];
        }
    }

    /// <summary>The response's status, or null when there was none (connection refused, timeout).</summary>
    private async Task<HttpStatusCode?> SendAsync(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = Request(method, path, body, idempotencyKey);
        HttpStatusCode status;
        TimeSpan? retryAfter;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            status = response.StatusCode;
            retryAfter = status == HttpStatusCode.TooManyRequests ? response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1) : null;
        }
        catch (Exception error) when (error is HttpRequestException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            run.Request(succeeded: false);
            return null;
        }

        run.Request(status is >= HttpStatusCode.OK and < HttpStatusCode.BadRequest or HttpStatusCode.Conflict);
        if (retryAfter is { } wait)
        {
            await Task.Delay(wait < MaxRetryAfter ? wait : MaxRetryAfter, time, _stop); // the gateway said when; a stop ends the wait
        }

        return status;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    private Task ThinkAsync(CancellationToken cancellationToken) =>
        Task.Delay(thinkTime * (0.5 + random.NextDouble()), time, cancellationToken);
}
