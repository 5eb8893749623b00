// Mutant of Solutions/07-OrderProcessing/EmailConsumer.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's EmailConsumer sends on every record it reads: an order read again (a restart before the commit, a producer retry) is emailed twice.
// Caught by: RedeliveryTests.Records_read_again_after_a_restart_with_rewound_offsets_are_not_applied_twice
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workbook.Contracts;
using Order = Workbook.Contracts.Orders.Order; // StackExchange.Redis has an Order enum too

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — the <c>email-service</c> consumer group: sends one confirmation per order.
/// The mail server is outside Redis, so sending and remembering cannot be one atomic step: the order is marked
/// in <c>{email}:sent:&lt;orderId&gt;</c> after a successful send, and marked orders are skipped. A crash between
/// the send and the mark sends that one confirmation again (at least once).
/// </summary>
public sealed class EmailConsumer : IDisposable
{
    /// <summary>The consumer group (before <see cref="KafkaOptions.GroupId"/> adds its prefix).</summary>
    public const string GroupName = "email-service";

    private readonly IDatabase _redis;
    private readonly IEmailSender _sender;
    private readonly OrderConsumerLoop _loop;

    /// <param name="options">Where Kafka is.</param>
    /// <param name="redis">Where sent orders are remembered.</param>
    /// <param name="sender">Sends the e-mail.</param>
    /// <param name="maxAttempts">Sends tried per order before it goes to <c>orders.dlq</c>; at least 1.</param>
    /// <param name="logger">Receives retries and dead letters; optional.</param>
    public EmailConsumer(KafkaOptions options, IDatabase redis, IEmailSender sender, int maxAttempts = 3, ILogger<EmailConsumer>? logger = null)
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

    /// <summary>Sends confirmations until cancelled; then commits what it processed and leaves the group.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    public Task ProcessAsync(CancellationToken cancellationToken) => _loop.RunAsync(cancellationToken);

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, without committing (cancel it for a graceful stop).</summary>
    public void Dispose() => _loop.Dispose();

    private Task SendAsync(Order order, CancellationToken cancellationToken) =>
        _sender.SendOrderConfirmationAsync(order, cancellationToken);

    private static RedisKey SentKey(string orderId) => $"{{email}}:sent:{orderId}";
}
