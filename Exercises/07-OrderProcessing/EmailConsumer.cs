using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — the <c>email-service</c> consumer group: send one confirmation per order.
/// Task: commit only after processing, send each order once even when a record is read twice (remember sent orders
/// in Redis), retry a failing send and dead-letter the order to <c>orders.dlq</c> after <c>maxAttempts</c>.
/// Read docs/lessons/07-order-processing.md first.
/// </summary>
public sealed class EmailConsumer : IDisposable
{
    /// <summary>The consumer group (before <see cref="KafkaOptions.GroupId"/> adds its prefix).</summary>
    public const string GroupName = "email-service";

    private readonly KafkaOptions _options;
    private readonly IDatabase _redis;
    private readonly IEmailSender _sender;
    private readonly int _maxAttempts;
    private readonly ILogger<EmailConsumer>? _logger;

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
        _options = options;
        _redis = redis;
        _sender = sender;
        _maxAttempts = maxAttempts;
        _logger = logger;
    }

    /// <summary>Sends confirmations until cancelled; then commits what it processed and leaves the group.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    public Task ProcessAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException("Lesson 07: implement EmailConsumer.ProcessAsync — as the email-service group, send one confirmation per order even when a record is read twice, commit only after processing, retry a failing send and dead-letter the order after maxAttempts; when cancelled, commit and leave the group. Read docs/lessons/07-order-processing.md; stuck? workbook hint 07");

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, without committing (cancel it for a graceful stop).</summary>
    public void Dispose()
    {
    }
}
