using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Bonus B2 — lesson 09's transformation, exactly once inside Kafka: consume <c>sales</c> and write one
/// <see cref="SaleRevenue"/> per valid sale to <c>revenue.eos</c> (a malformed sale to <c>sales.eos.dlq</c>), the output
/// and the group's offsets in ONE Kafka transaction, so that a <c>read_committed</c> reader sees each sale exactly once
/// however often the processor crashes. Read docs/lessons/B2-exactly-once.md first.
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

    private readonly KafkaOptions _options;
    private readonly string _instanceId;
    private readonly Func<int, Task>? _afterProduce;
    private readonly TimeSpan _operationTimeout;

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
        _instanceId = instanceId;
        _afterProduce = afterProduce;
        _operationTimeout = operationTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// Consumes sales until <paramref name="cancellationToken"/> is cancelled (then it finishes the current transaction,
    /// leaves the group and throws <see cref="OperationCanceledException"/>) or the object is disposed (then it stops at
    /// once, as a crash would, leaving any open transaction to be aborted by the next instance, and throws
    /// <see cref="ObjectDisposedException"/>). When a newer instance with the same id fences this one, it leaves the
    /// group and throws the fatal <see cref="Confluent.Kafka.KafkaException"/> (<c>ProducerFenced</c>).
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
    /// <see cref="Confluent.Kafka.KafkaRetriableException"/> is the <see cref="Exception.InnerException"/>). A timed-out
    /// commit's outcome is unknown, and calling it again is safe (librdkafka resumes the same commit; an
    /// <c>AbortTransaction</c> would conflict with it), so call it again, three attempts in all (each of the
    /// constructor's <c>operationTimeout</c>). After the third the outcome is still unknown: only a restart with the
    /// same instance id resolves it (its <c>InitTransactions</c> completes or aborts the transaction), and the message
    /// says so.
    /// </exception>
    public Task ProcessAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException("Lesson B2: implement TransactionalRevenueProcessor.ProcessAsync — turn each sale into one revenue record (or a dead letter) and commit that output together with the group's offsets, all or nothing, so that a read_committed reader sees each sale exactly once however often the processor crashes. Read docs/lessons/B2-exactly-once.md; stuck? workbook hint B2");

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, like a killed process: no commit, no abort, no goodbye.</summary>
    public void Dispose()
    {
        // Lesson B2: signal a running ProcessAsync to stop at once, without committing or aborting its transaction.
    }
}
