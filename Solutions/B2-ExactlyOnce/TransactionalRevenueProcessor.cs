using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Bonus B2 — lesson 09's transformation, exactly once inside Kafka: consumes <c>sales</c> and writes one
/// <see cref="SaleRevenue"/> per valid sale to <c>revenue.eos</c> (a malformed sale goes to <c>sales.eos.dlq</c>).
/// The output records and the consumer group's offsets are written in ONE Kafka transaction per batch, so either both
/// become visible or neither does: a crash anywhere makes the next instance redo exactly the batches that were not
/// committed, and a <c>read_committed</c> reader sees every sale's revenue exactly once. There is no state outside Kafka:
/// a product's total is the sum of its committed records.
/// </summary>
public sealed class TransactionalRevenueProcessor : IDisposable
{
    /// <summary>The topic sales are read from (lesson 09's input).</summary>
    public const string InputTopic = "sales";

    /// <summary>The topic the revenue of each sale is written to, keyed by product id, transactionally.</summary>
    public const string OutputTopic = "revenue.eos";

    /// <summary>The consumer group; also the prefix of the transactional id.</summary>
    public const string GroupName = "revenue-eos";

    /// <summary>Where malformed sales go, unchanged, with the <see cref="DeadLetterHeaders"/>, in the same transaction.</summary>
    public const string DeadLetterTopic = "sales.eos.dlq";

    // One transaction covers at most this many input records: fewer transactions mean less overhead (each commit
    // writes markers to every partition it touched), more mean less to redo after a crash.
    private const int MaxBatch = 100;

    // How many times a commit that times out is tried before ProcessAsync gives up with a TimeoutException.
    private const int CommitAttempts = 3;

    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(30);

    private readonly KafkaOptions _options;
    private readonly string _transactionalId;
    private readonly Func<int, Task>? _afterProduce;
    private readonly TimeSpan _operationTimeout;
    private readonly CancellationTokenSource _crash = new();

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    /// <param name="instanceId">
    /// This instance's stable name (e.g. the pod or host name): the same after a restart, different for instances that run
    /// at the same time. The transactional id is <c>{options.GroupId("revenue-eos")}.{instanceId}</c>, so a restarted
    /// instance fences its own zombie (the previous incarnation, if it still runs) and aborts its open transaction.
    /// </param>
    /// <param name="afterProduce">
    /// A teaching and test seam, null in production: called after a transaction's records are produced and before its
    /// offsets are sent and it is committed, with the number of input records in it. An exception it throws leaves
    /// <see cref="ProcessAsync"/> as a crash would: the transaction is neither committed nor aborted.
    /// </param>
    /// <param name="operationTimeout">
    /// How long each transactional call (<c>InitTransactions</c>, <c>SendOffsetsToTransaction</c>, <c>CommitTransaction</c>,
    /// <c>AbortTransaction</c>) may block; 30 s when null. A commit that times out is tried again, three attempts of this
    /// length in all (see <see cref="ProcessAsync"/>).
    /// </param>
    public TransactionalRevenueProcessor(KafkaOptions options, string instanceId, Func<int, Task>? afterProduce = null, TimeSpan? operationTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (operationTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(operationTimeout));
        }

        _options = options;
        _transactionalId = $"{options.GroupId(GroupName)}.{instanceId}";
        _afterProduce = afterProduce;
        _operationTimeout = operationTimeout ?? DefaultOperationTimeout;
    }

    /// <summary>
    /// Consumes sales until <paramref name="cancellationToken"/> is cancelled (then it finishes the current transaction,
    /// leaves the group and throws <see cref="OperationCanceledException"/>) or the object is disposed (then it stops at
    /// once, as a crash would, leaving any open transaction to be aborted by the next instance, and throws
    /// <see cref="ObjectDisposedException"/>). When a newer instance with the same id fences this one, it leaves the
    /// group and throws the fatal <see cref="KafkaException"/> (<see cref="ErrorCode.ProducerFenced"/>).
    /// </summary>
    /// <remarks>
    /// Two errors of <c>Produce</c> itself come back on every redo of the same batch, so aborting and redoing would loop
    /// for ever; handle them where they happen instead. <c>Local_QueueFull</c> (the producer holds
    /// <c>queue.buffering.max.messages</c> undelivered records, and a batch may be larger): wait for deliveries (e.g.
    /// <c>producer.Flush</c> for a moment) and produce that same record again. <c>MsgSizeTooLarge</c> for a dead letter
    /// (a malformed sale that fitted under the producer's <c>message.max.bytes</c> on its own, but not with the
    /// <c>dlq.*</c> headers): write the dead letter without its value, keeping the key and the headers, and add
    /// <see cref="DeadLetterHeaders.ValueDropped"/> with the value's size in UTF-8 bytes. (A revenue record cannot
    /// reasonably be that large: its key and value are a product id and a number, over the limit only for a product id of
    /// about half a megabyte, which the lesson does not ask you to handle.)
    /// </remarks>
    /// <exception cref="TimeoutException">
    /// <c>CommitTransaction</c> timed out three times for one transaction (the last
    /// <see cref="KafkaRetriableException"/> is the <see cref="Exception.InnerException"/>). A timed-out commit's outcome
    /// is unknown, and calling it again is safe (librdkafka resumes the same commit; an <c>AbortTransaction</c> would
    /// conflict with it), so call it again, three attempts in all (each of the constructor's <c>operationTimeout</c>).
    /// After the third the outcome is still unknown: only a restart with the same instance id resolves it (its
    /// <c>InitTransactions</c> completes or aborts the transaction), and the message says so.
    /// </exception>
    public async Task ProcessAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_crash.IsCancellationRequested, this);
        await Task.Yield(); // InitTransactions and Consume block a thread: never the caller's.

        using var producer = new ProducerBuilder<string?, string?>(_options.ApplyTo(new ProducerConfig
        {
            TransactionalId = _transactionalId, // implies enable.idempotence=true and acks=all
        })).Build();
        producer.InitTransactions(_operationTimeout); // fences older producers with this id, aborts their open transaction

        var batch = new List<ConsumeResult<string?, string?>>();
        void Forget(List<TopicPartitionOffset> gone) => batch.RemoveAll(r => gone.Exists(p => p.TopicPartition == r.TopicPartition));
        var consumer = new ConsumerBuilder<string?, string?>(_options.ApplyTo(new ConsumerConfig
        {
            GroupId = _options.GroupId(GroupName),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false, // offsets are committed only inside the transactions, with the output
            IsolationLevel = IsolationLevel.ReadCommitted, // an upstream transactional producer's aborted sales are not sales
        }))
            // Records read but not yet in a transaction belong to the next owner now: it re-reads them from the offsets
            // committed so far.
            .SetPartitionsRevokedHandler((_, revoked) => Forget(revoked))
            .SetPartitionsLostHandler((_, lost) => Forget(lost))
            .Build();

        try
        {
            consumer.Subscribe(_options.Topic(InputTopic));
            while (!cancellationToken.IsCancellationRequested && !_crash.IsCancellationRequested)
            {
                Gather(consumer, batch);
                if (batch.Count > 0)
                {
                    await RunTransactionAsync(producer, consumer, batch);
                    batch.Clear();
                }
            }
        }
        finally
        {
            if (!_crash.IsCancellationRequested)
            {
                consumer.Close(); // commits nothing (auto-commit is off): it only leaves the group at once
            }

            consumer.Dispose();
        }

        ObjectDisposedException.ThrowIf(_crash.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, like a killed process: no commit, no abort, no goodbye.</summary>
    public void Dispose() => _crash.Cancel();

    // Waits for one record, then takes what else is already fetched, up to MaxBatch.
    private static void Gather(IConsumer<string?, string?> consumer, List<ConsumeResult<string?, string?>> batch)
    {
        var record = consumer.Consume(PollTimeout);
        while (record is not null)
        {
            batch.Add(record);
            record = batch.Count < MaxBatch ? consumer.Consume(TimeSpan.Zero) : null;
        }
    }

    private async Task RunTransactionAsync(IProducer<string?, string?> producer, IConsumer<string?, string?> consumer, List<ConsumeResult<string?, string?>> batch)
    {
        producer.BeginTransaction();
        try
        {
            foreach (var record in batch)
            {
                var (topic, message) = Transform(record);
                Produce(producer, topic, message);
            }
        }
        catch (KafkaException e) when (!IsFatal(e))
        {
            // Local_State: the transaction became abortable meanwhile (e.g. a partition could not be added to it). A record
            // that fails to deliver does not fail Produce: it fails the commit ("N message(s) failed delivery").
            AbortAndRewind(producer, consumer, batch);
            return;
        }

        if (_afterProduce is not null)
        {
            await _afterProduce(batch.Count);
        }

        if (_crash.IsCancellationRequested)
        {
            return; // killed between produce and commit: the transaction stays open until the next instance aborts it
        }

        // The position after the last record of each partition: where this group resumes once the transaction commits.
        var offsets = batch
            .GroupBy(r => r.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1))
            .ToList();
        try
        {
            // The group metadata (generation, member id) lets the group coordinator refuse these offsets if this member
            // lost the partitions in a rebalance meanwhile (KIP-447): the transaction then aborts instead of committing.
            producer.SendOffsetsToTransaction(offsets, consumer.ConsumerGroupMetadata, _operationTimeout);
            Commit(producer);
        }
        catch (KafkaException e) when (!IsFatal(e))
        {
            AbortAndRewind(producer, consumer, batch);
        }
    }

    // Two errors of Produce itself would come back on every redo of the batch, so they are handled here, not by an abort.
    private void Produce(IProducer<string?, string?> producer, string topic, Message<string?, string?> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message);
                return;
            }
            catch (ProduceException<string?, string?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Flush(PollTimeout); // room in queue.buffering.max.messages comes back as records are delivered
            }
            catch (ProduceException<string?, string?> e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge
                && topic == _options.Topic(DeadLetterTopic) && message.Value is not null)
            {
                // The input fitted, its headers did not: keep the key and the story, say the value is gone and how big.
                message.Headers.Add(DeadLetterHeaders.ValueDropped, Encoding.UTF8.GetBytes(Encoding.UTF8.GetByteCount(message.Value).ToString(CultureInfo.InvariantCulture)));
                message = new Message<string?, string?> { Key = message.Key, Headers = message.Headers };
            }
        }
    }

    // A fenced producer's Produce reports Local_Fatal; its transactional calls report the fatal error itself.
    private static bool IsFatal(KafkaException e) => e.Error.IsFatal || e.Error.Code == ErrorCode.Local_Fatal;

    private void Commit(IProducer<string?, string?> producer)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                producer.CommitTransaction(_operationTimeout);
                return;
            }
            catch (KafkaRetriableException) when (attempt < CommitAttempts)
            {
                // The outcome is unknown (e.g. a timeout): committing again is safe and tells which it was.
            }
            catch (KafkaRetriableException e)
            {
                // Not an abort: librdkafka keeps the timed-out commit going, and AbortTransaction would only conflict with it.
                throw new TimeoutException(
                    $"CommitTransaction did not complete in {attempt} attempts of {_operationTimeout.TotalSeconds:0.#} s, so the transaction's outcome is unknown: " +
                    "restart with the same instance id, whose InitTransactions completes or aborts it (the sales of an aborted batch are then redone).",
                    e);
            }
        }
    }

    // Nothing of the batch is visible or committed after an abort; reading it again from its first offsets redoes it.
    private void AbortAndRewind(IProducer<string?, string?> producer, IConsumer<string?, string?> consumer, List<ConsumeResult<string?, string?>> batch)
    {
        producer.AbortTransaction(_operationTimeout);
        var owned = consumer.Assignment.ToHashSet();
        foreach (var first in batch.GroupBy(r => r.TopicPartition).Where(g => owned.Contains(g.Key)).Select(g => g.MinBy(r => r.Offset.Value)!))
        {
            consumer.Seek(first.TopicPartitionOffset);
        }
    }

    private (string Topic, Message<string?, string?> Message) Transform(ConsumeResult<string?, string?> record)
    {
        var (sale, problem) = SaleRecords.Parse(record.Message.Value);
        if (sale is not null)
        {
            try
            {
                var revenue = new SaleRevenue(sale.ProductId, checked(sale.Quantity * sale.Price));
                return (_options.Topic(OutputTopic), new Message<string?, string?> { Key = sale.ProductId, Value = JsonSerializer.Serialize(revenue, WorkbookJson.Options) });
            }
            catch (OverflowException e)
            {
                problem = $"revenue does not fit a decimal: {e.Message}";
            }
        }

        return (_options.Topic(DeadLetterTopic), SaleRecords.DeadLetter(record, problem!, _options.GroupId(GroupName)));
    }
}
