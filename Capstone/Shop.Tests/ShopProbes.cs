using System.Collections.Concurrent;
using System.Net.Http.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Workbook.Contracts;
using Workbook.Infrastructure.Testing;
using Workbook.Lessons;
using Workbook.Shop.Admin;
using Workbook.Shop.Consumers;
using Order = Workbook.Contracts.Orders.Order;

namespace Workbook.Shop.Tests;

/// <summary>E-mail and SMS test doubles that count what they sent per order; SMS can be made to fail until it recovers.</summary>
internal sealed class CountingSenders : IEmailSender, ISmsSender
{
    public ConcurrentDictionary<string, int> Emails { get; } = new();

    public ConcurrentDictionary<string, int> Texts { get; } = new();

    /// <summary>While true every SMS fails (the SMS provider is down).</summary>
    public bool SmsFails { get; set; }

    public int SmsAttempts => _smsAttempts;

    private int _smsAttempts;

    /// <summary>Makes these the shop's e-mail and SMS senders.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IEmailSender>(this);
        services.AddSingleton<ISmsSender>(this);
    }

    public Task SendOrderConfirmationAsync(Order order, CancellationToken cancellationToken)
    {
        Emails.AddOrUpdate(order.OrderId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task SendOrderSmsAsync(Order order, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _smsAttempts);
        if (SmsFails)
        {
            throw new HttpRequestException("SMS provider unavailable (test double)");
        }

        Texts.AddOrUpdate(order.OrderId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>Reads what the consumers did: Redis state under the world's prefix, and the groups' committed offsets.</summary>
internal static class ShopProbes
{
    public static readonly string[] Groups =
        [EmailConsumer.GroupName, InventoryConsumer.GroupName, LoyaltyConsumer.GroupName, SmsConsumer.GroupName, Consumers.AnalyticsConsumer.GroupName];

    public static IDatabase Db(ShopWorld world) => world.Redis.Connection.GetDatabase();

    public static async Task<long> StockAsync(ShopWorld world, string product) =>
        (long?)await Db(world).StringGetAsync($"{world.KeyPrefix}{{inventory}}:stock:{product}") ?? 0;

    public static async Task<long> PointsAsync(ShopWorld world, string user) =>
        (long?)await Db(world).StringGetAsync($"{world.KeyPrefix}{{loyalty}}:points:{user}") ?? 0;

    public static async Task<long> CommittedAsync(ShopWorld world, string group, TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(world.Kafka.ApplyTo(new ConsumerConfig { GroupId = world.Kafka.GroupId(group) })).Build();
        var committed = await Task.Run(() => consumer.Committed([partition], TimeSpan.FromSeconds(5)));
        return committed.Single().Offset.Value;
    }

    /// <summary>Waits until every consumer group has committed past <paramref name="record"/>: each has processed it (or skipped it).</summary>
    public static async Task AllGroupsPastAsync(ShopWorld world, TopicPartitionOffset record, CancellationToken ct)
    {
        foreach (var group in Groups)
        {
            await Eventually.UntilAsync(
                $"{group} to commit past {record}",
                () => CommittedAsync(world, group, record.TopicPartition),
                committed => committed > record.Offset.Value,
                TimeSpan.FromSeconds(30),
                cancellationToken: ct);
        }
    }

    /// <summary>Waits (up to 30 s) until <c>GET /admin/dlq</c> lists at least <paramref name="count"/> dead letters; returns them.</summary>
    public static Task<List<DeadLetterView>> DeadLettersAsync(HttpClient client, int count, string what, CancellationToken ct) =>
        Eventually.UntilAsync(
            what,
            async () => await (await client.SendAsync(Json.Request(HttpMethod.Get, "/admin/dlq").AsAdmin(), ct)).ReadAsync<List<DeadLetterView>>(ct),
            letters => letters.Count >= count,
            TimeSpan.FromSeconds(30),
            cancellationToken: ct);

    public static Task<HttpResponseMessage> PostOrder(HttpClient client, string user, string key, CancellationToken ct, params (string Product, int Quantity)[] items)
    {
        var body = new { email = $"{user}@example.com", items = items.Select(i => new { product_id = i.Product, quantity = i.Quantity }).ToArray() };
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body, options: Json.Options) }.As(user);
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, ct);
    }
}
