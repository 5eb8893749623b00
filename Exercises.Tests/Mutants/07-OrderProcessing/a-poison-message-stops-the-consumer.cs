// Mutant of Solutions/07-OrderProcessing/OrderConsumerLoop.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's consumers have no error handling: a record that is not an order throws out of the loop, nothing goes to orders.dlq and the orders after it are never processed.
// Caught by: DeadLetterTests.Malformed_and_invalid_records_go_to_the_dlq_with_their_story_and_the_next_record_is_processed
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workbook.Contracts;
using Workbook.Contracts.Orders;

namespace Workbook.Lessons;

/// <summary>
/// The consume loop the three order consumers share: read <c>orders</c> as one consumer group, apply each order,
/// then mark its offset; retry a failing order with a short backoff and, when it still fails (or cannot be parsed),
/// write it to <c>orders.dlq</c> and go on with the next record.
/// </summary>
/// <remarks>
/// Offsets: <c>enable.auto.offset.store=false</c> and <see cref="IConsumer{TKey, TValue}.StoreOffset(ConsumeResult{TKey, TValue})"/>
/// only after a record was applied or dead-lettered; the background auto-commit (every second) and the final
/// <see cref="IConsumer{TKey, TValue}.Commit()"/> on stop send only those stored offsets. So a crash loses nothing:
/// whatever was not marked is read again, and the handlers are idempotent by order id.
/// </remarks>
internal sealed class OrderConsumerLoop : IDisposable
{
    public const string DeadLetterTopicName = "orders.dlq";

    // Consume(0) never blocks a thread-pool thread; an idle loop checks again after this pause.
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly KafkaOptions _options;
    private readonly string _groupId;
    private readonly string _topic;
    private readonly string _deadLetterTopic;
    private readonly Func<Order, CancellationToken, Task> _apply;
    private readonly int _maxAttempts;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private int _running;

    /// <param name="options">Where Kafka is (validated by the caller).</param>
    /// <param name="groupName">The service's consumer group, e.g. <c>inventory-service</c>.</param>
    /// <param name="apply">Applies one valid order; must be idempotent by order id (a record can be read twice).</param>
    /// <param name="maxAttempts">How many times <paramref name="apply"/> is tried before the record is dead-lettered.</param>
    /// <param name="logger">Where retries and dead letters are reported.</param>
    public OrderConsumerLoop(KafkaOptions options, string groupName, Func<Order, CancellationToken, Task> apply, int maxAttempts, ILogger? logger)
    {
        _options = options;
        _groupId = options.GroupId(groupName);
        _topic = options.Topic(OrderProducer.TopicName);
        _deadLetterTopic = options.Topic(DeadLetterTopicName);
        _apply = apply;
        _maxAttempts = maxAttempts;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Consumes until cancelled; then commits what was processed and leaves the group.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("ProcessAsync is already running on this instance; create another instance to add a member to the group.");
        }

        try
        {
            // Never run the synchronous start-up (librdkafka handles, subscribe) on the caller's thread.
            await Task.Yield();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            using var deadLetters = new ProducerBuilder<byte[]?, byte[]?>(_options.ApplyTo(new ProducerConfig
            {
                ClientId = _groupId + "-dlq",
                EnableIdempotence = true,
                Acks = Acks.All,
            })).Build();
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_options.ApplyTo(new ConsumerConfig
            {
                GroupId = _groupId,
                ClientId = _groupId,
                // A new service starts with the orders already in the topic, not only with those that come later.
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoOffsetStore = false,
                EnableAutoCommit = true,
                AutoCommitIntervalMs = 1000,
            })).Build();

            consumer.Subscribe(_topic);
            OrderConsumerLog.Started(_logger, _groupId, _topic);
            try
            {
                await ConsumeAsync(consumer, deadLetters, stop.Token);
            }
            finally
            {
                if (_disposed.IsCancellationRequested)
                {
                    // Disposed while running: like a crash, no commit and no goodbye; the group rebalances after the session timeout.
                    OrderConsumerLog.Abandoned(_logger, _groupId);
                }
                else
                {
                    CommitAndClose(consumer);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Stops a running loop abruptly (no commit), as a crash would; a graceful stop is cancelling <see cref="RunAsync"/>.</summary>
    public void Dispose() => _disposed.Cancel();

    private async Task ConsumeAsync(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> deadLetters, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? record;
            try
            {
                record = consumer.Consume(TimeSpan.Zero);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                OrderConsumerLog.ConsumeFailed(_logger, _groupId, e.Error.Reason);
                record = null;
            }

            if (record is null || record.IsPartitionEOF)
            {
                try
                {
                    await Task.Delay(IdlePause, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (!await HandleAsync(record, deadLetters, cancellationToken))
            {
                return; // stopped in the middle of a retry: the record stays unmarked and is read again later
            }

            try
            {
                consumer.StoreOffset(record);
            }
            catch (KafkaException e)
            {
                // The partition moved to another member meanwhile; it will read this record again, harmlessly.
                OrderConsumerLog.StoreFailed(_logger, _groupId, record.TopicPartitionOffset.ToString(), e.Error.Reason);
            }
        }
    }

    /// <summary>Applies one record or dead-letters it; false when cancelled before either happened.</summary>
    private async Task<bool> HandleAsync(ConsumeResult<byte[]?, byte[]?> record, IProducer<byte[]?, byte[]?> deadLetters, CancellationToken cancellationToken)
    {
        var order = Parse(record.Message.Value);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _apply(order, cancellationToken);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (attempt < _maxAttempts)
            {
                OrderConsumerLog.Retrying(_logger, e, _groupId, order.OrderId, attempt, _maxAttempts);
            }
            catch (Exception e)
            {
                await DeadLetterAsync(record, e, attempt, deadLetters);
                return true;
            }

            try
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private static Order Parse(byte[]? value)
    {
        if (value is null)
        {
            throw new InvalidDataException("The record has no value (a tombstone), not an order.");
        }

        var order = JsonSerializer.Deserialize<Order>(value, WorkbookJson.Options);
        return OrderValidation.Problem(order) is { } problem
            ? throw new InvalidDataException($"Invalid order: {problem}.")
            : order!;
    }

    private async Task DeadLetterAsync(ConsumeResult<byte[]?, byte[]?> record, Exception error, int attempts, IProducer<byte[]?, byte[]?> deadLetters)
    {
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        Add(headers, DeadLetterHeaders.Error, error.Message);
        Add(headers, DeadLetterHeaders.ErrorType, error.GetType().Name);
        Add(headers, DeadLetterHeaders.SourceTopic, record.Topic);
        Add(headers, DeadLetterHeaders.SourcePartition, record.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, DeadLetterHeaders.SourceOffset, record.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, DeadLetterHeaders.ConsumerGroup, _groupId);
        Add(headers, DeadLetterHeaders.Attempts, attempts.ToString(CultureInfo.InvariantCulture));

        // Not cancellable: once a record is given up on, the dead letter is finished before its offset is marked.
        await deadLetters.ProduceAsync(
            _deadLetterTopic,
            new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers },
            CancellationToken.None);
        OrderConsumerLog.DeadLettered(_logger, error, _groupId, record.TopicPartitionOffset.ToString(), attempts, _deadLetterTopic);
    }

    private void CommitAndClose(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing new since the last commit.
        }
        catch (KafkaException e)
        {
            OrderConsumerLog.CommitFailed(_logger, e, _groupId);
        }

        try
        {
            consumer.Close();
            OrderConsumerLog.Stopped(_logger, _groupId);
        }
        catch (KafkaException e)
        {
            OrderConsumerLog.CommitFailed(_logger, e, _groupId);
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(attempt - 1, 10)));

    private static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));
}
