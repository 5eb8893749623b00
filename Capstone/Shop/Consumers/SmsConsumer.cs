using StackExchange.Redis;
using Workbook.Contracts;
using Workbook.Lessons;
using Order = Workbook.Contracts.Orders.Order;

namespace Workbook.Shop.Consumers;

/// <summary>
/// The <c>sms-service</c> consumer group on lesson 07's <see cref="OrderConsumerLoop"/>: one text per order. Like the
/// e-mail consumer (lesson 07's <see cref="SendOnce"/>), the order is marked in <c>{sms}:sent:&lt;orderId&gt;</c>
/// after a successful send and marked orders are skipped, so a redelivered or replayed record sends nothing more
/// (at least once between send and mark).
/// </summary>
public sealed class SmsConsumer : IDisposable
{
    public const string GroupName = "sms-service";

    private readonly IDatabase _redis;
    private readonly ISmsSender _sender;
    private readonly OrderConsumerLoop _loop;

    public SmsConsumer(KafkaOptions options, IDatabase redis, ISmsSender sender, int maxAttempts, ILogger<SmsConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        options.Validate();
        _redis = redis;
        _sender = sender;
        _loop = new OrderConsumerLoop(options, GroupName, SendAsync, maxAttempts, logger);
    }

    /// <summary>Sends texts until cancelled; then commits what it processed and leaves the group.</summary>
    public Task ProcessAsync(CancellationToken cancellationToken) => _loop.RunAsync(cancellationToken);

    public void Dispose() => _loop.Dispose();

    private Task SendAsync(Order order, CancellationToken cancellationToken) =>
        SendOnce.RunAsync(_redis, SentKey(order.OrderId), token => _sender.SendOrderSmsAsync(order, token), cancellationToken);

    public static RedisKey SentKey(string orderId) => $"{{sms}}:sent:{orderId}";
}
