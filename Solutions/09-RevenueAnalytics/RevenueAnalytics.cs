using System.Text.Json;
using Confluent.Kafka;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 09 — a stream processor: consumes <c>sales</c>, keeps each product's total revenue in Redis and emits the new
/// total to <c>revenue</c> after every sale. Killed and restarted anywhere, it loses and double-counts nothing:
/// each total changes together with the offset of the last record applied from its partition (one Lua script), a
/// redelivered record is recognised by its offset and not applied again, and offsets are committed to Kafka only
/// after the state is written and the updates are delivered.
/// </summary>
public sealed class RevenueAnalytics : IDisposable
{
    /// <summary>The topic sales are read from.</summary>
    public const string InputTopic = "sales";

    /// <summary>The topic revenue updates are written to, keyed by product id.</summary>
    public const string OutputTopic = "revenue";

    /// <summary>The consumer group.</summary>
    public const string GroupName = "revenue-analytics";

    /// <summary>Where malformed sales go, unchanged, with the <see cref="DeadLetterHeaders"/> that say why and where from.</summary>
    public const string DeadLetterTopic = "sales.dlq";

    // Commit after this many records even while more keep coming; an idle poll commits at once.
    private const int CommitEvery = 200;

    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DefaultFlushTimeout = TimeSpan.FromSeconds(30);

    private readonly KafkaOptions _options;
    private readonly TimeSpan _flushTimeout;
    private readonly RevenueState _state;
    private readonly CancellationTokenSource _crash = new();

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    /// <param name="redis">Where the totals and the applied offsets live.</param>
    /// <param name="flushTimeout">
    /// How long a commit waits for the revenue updates to be delivered (<c>Flush</c>) before it gives up and commits
    /// nothing; 30 s when null. Positive.
    /// </param>
    public RevenueAnalytics(KafkaOptions options, IDatabase redis, TimeSpan? flushTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentNullException.ThrowIfNull(redis);
        if (flushTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(flushTimeout));
        }

        _options = options;
        _flushTimeout = flushTimeout ?? DefaultFlushTimeout;
        _state = new RevenueState(redis);
    }

    /// <summary>
    /// Consumes sales until <paramref name="cancellationToken"/> is cancelled (then commits what was processed, leaves
    /// the group and throws <see cref="OperationCanceledException"/>) or the object is disposed (then it stops at once,
    /// as a crash would: nothing more is committed, and it throws <see cref="ObjectDisposedException"/>).
    /// A sale's offset is committed only once its total is stored and its revenue update delivered: an update still
    /// queued when a flush gives up is not delivered. A commit refused because the group is rebalancing
    /// (<c>RebalanceInProgress</c>, <c>IllegalGeneration</c>, <c>UnknownMemberId</c>) does not end it: whoever owns the
    /// partitions next reads those sales again and skips them.
    /// </summary>
    public async Task ProcessAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_crash.IsCancellationRequested, this);
        await Task.Yield(); // Consume blocks a thread: never the caller's.

        var pending = new Dictionary<TopicPartition, Offset>();
        var deliveryError = new StrongBox();
        using var producer = new ProducerBuilder<string?, string?>(_options.ApplyTo(new ProducerConfig
        {
            Acks = Acks.All,
            EnableIdempotence = true,
        })).Build();
        var consumer = new ConsumerBuilder<string?, string?>(_options.ApplyTo(new ConsumerConfig
        {
            GroupId = _options.GroupId(GroupName),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false, // committed by hand, only after the state and the updates are safe
        }))
            .SetPartitionsRevokedHandler((c, _) =>
            {
                if (!_crash.IsCancellationRequested)
                {
                    FlushAndCommit(c, producer, pending, deliveryError);
                }
            })
            .Build();

        try
        {
            consumer.Subscribe(_options.Topic(InputTopic));
            var sinceCommit = 0;
            while (!cancellationToken.IsCancellationRequested && !_crash.IsCancellationRequested)
            {
                var record = consumer.Consume(PollTimeout);
                if (record is null || record.IsPartitionEOF)
                {
                    FlushAndCommit(consumer, producer, pending, deliveryError);
                    sinceCommit = 0;
                    continue;
                }

                await ApplyAsync(record, producer, deliveryError);
                pending[record.TopicPartition] = record.Offset + 1;
                if (++sinceCommit >= CommitEvery)
                {
                    FlushAndCommit(consumer, producer, pending, deliveryError);
                    sinceCommit = 0;
                }
            }

            if (!_crash.IsCancellationRequested)
            {
                FlushAndCommit(consumer, producer, pending, deliveryError);
            }
        }
        finally
        {
            if (!_crash.IsCancellationRequested)
            {
                consumer.Close();
            }

            consumer.Dispose();
        }

        ObjectDisposedException.ThrowIf(_crash.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The product's total revenue; 0 when it has none.</summary>
    /// <param name="productId">The product; not empty.</param>
    public Task<decimal> GetTotalRevenueAsync(string productId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        return _state.GetTotalAsync(productId);
    }

    /// <summary>Every product's total revenue.</summary>
    public Task<IReadOnlyDictionary<string, decimal>> GetAllTotalsAsync() => _state.GetAllTotalsAsync();

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, like a killed process: no commit, no goodbye to the group.</summary>
    public void Dispose() => _crash.Cancel();

    private async Task ApplyAsync(ConsumeResult<string?, string?> record, IProducer<string?, string?> producer, StrongBox deliveryError)
    {
        var source = $"{record.Topic}:{record.Partition.Value}";
        var (sale, problem) = SaleRecords.Parse(record.Message.Value);
        if (sale is not null)
        {
            try
            {
                // A redelivered sale is not added again, but its product's current total is emitted again: the last
                // update per key on the revenue topic then always equals the total, even after a crash before delivery.
                var total = await _state.AddAsync(sale.ProductId, sale.Quantity * sale.Price, source, record.Offset.Value);
                var update = new RevenueUpdate(sale.ProductId, total);
                producer.Produce(
                    _options.Topic(OutputTopic),
                    new Message<string?, string?> { Key = sale.ProductId, Value = JsonSerializer.Serialize(update, WorkbookJson.Options) },
                    report => deliveryError.Set(report.Error));
                return;
            }
            catch (OverflowException e)
            {
                problem = $"revenue does not fit a decimal: {e.Message}";
            }
        }

        if (await _state.IsAppliedAsync(source, record.Offset.Value))
        {
            return; // dead-lettered before this redelivery
        }

        await producer.ProduceAsync(_options.Topic(DeadLetterTopic), SaleRecords.DeadLetter(record, problem!, _options.GroupId(GroupName)));
        await _state.MarkAppliedAsync(source, record.Offset.Value);
    }

    // Commits only what is safe: the updates for these records are delivered (Flush) and their state is in Redis.
    private void FlushAndCommit(IConsumer<string?, string?> consumer, IProducer<string?, string?> producer, Dictionary<TopicPartition, Offset> pending, StrongBox deliveryError)
    {
        if (pending.Count == 0)
        {
            return;
        }

        if (producer.Flush(_flushTimeout) > 0 || deliveryError.Error is not null)
        {
            throw new KafkaException(deliveryError.Error ?? new Error(ErrorCode.Local_TimedOut, "revenue updates were not delivered; nothing committed"));
        }

        try
        {
            consumer.Commit([.. pending.Select(p => new TopicPartitionOffset(p.Key, p.Value))]);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId)
        {
            // The partitions moved to another member, which re-reads these records; the state skips them by offset.
        }

        pending.Clear();
    }

    // The first failed delivery of a run, set from librdkafka's delivery thread.
    private sealed class StrongBox
    {
        private Error? _error;

        public Error? Error => Volatile.Read(ref _error);

        public void Set(Error error)
        {
            if (error.IsError)
            {
                Interlocked.CompareExchange(ref _error, error, null);
            }
        }
    }
}
