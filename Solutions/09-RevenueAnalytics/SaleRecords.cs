using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>Reading a sale from a record, and the dead letter for one that is not a valid sale (lesson 09 and bonus B2).</summary>
internal static class SaleRecords
{
    /// <summary>The sale in <paramref name="json"/>, or why it is not a valid one.</summary>
    public static (Sale? Sale, string? Problem) Parse(string? json)
    {
        if (json is null)
        {
            return (null, "the record has no value");
        }

        try
        {
            var sale = JsonSerializer.Deserialize<Sale>(json, WorkbookJson.Options);
            return SalesProducer.Problem(sale) is { } problem ? (null, problem) : (sale, null);
        }
        catch (JsonException e)
        {
            return (null, $"not a sale: {e.Message}");
        }
    }

    /// <summary>The record's key and value unchanged, with <see cref="DeadLetterHeaders"/> saying why and where from.</summary>
    public static Message<string?, string?> DeadLetter(ConsumeResult<string?, string?> record, string problem, string groupId) => new()
    {
        Key = record.Message.Key,
        Value = record.Message.Value,
        Headers = new Headers
        {
            { DeadLetterHeaders.Error, Encoding.UTF8.GetBytes(problem) },
            { DeadLetterHeaders.ErrorType, "InvalidSale"u8.ToArray() },
            { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(record.Topic) },
            { DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.ConsumerGroup, Encoding.UTF8.GetBytes(groupId) },
            { DeadLetterHeaders.Attempts, "1"u8.ToArray() },
        },
    };
}
