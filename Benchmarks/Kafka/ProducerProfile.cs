namespace Workbook.Benchmarks.Kafka;

/// <summary>Named producer settings; <see cref="ProducerProfiles.Settings"/> says what each one sets.</summary>
public enum ProducerProfile
{
    /// <summary>What the lesson producers use: acks=all + idempotence, librdkafka defaults otherwise (linger.ms=5).</summary>
    LessonDefaults,

    /// <summary>linger.ms=0: send as soon as possible, smaller batches.</summary>
    NoLinger,

    /// <summary>batch.size=16384 (the Java client's default): batches capped at 16 KiB.</summary>
    SmallBatches,

    /// <summary>linger.ms=20, batch.num.messages=100000: wait longer, fill batches up to batch.size (1 MB).</summary>
    Batched,

    /// <summary>Batched + compression.type=lz4.</summary>
    BatchedLz4,

    /// <summary>Batched + compression.type=zstd.</summary>
    BatchedZstd,

    /// <summary>Batched + acks=1 without idempotence: the leader alone acknowledges; retries may duplicate.</summary>
    BatchedAcksLeader,
}

public static class ProducerProfiles
{
    /// <summary>Settings every benchmark producer gets: room for a whole invocation in the local queue.</summary>
    private static readonly Dictionary<string, string> Common = new()
    {
        ["queue.buffering.max.messages"] = "1000000",
    };

    public static IReadOnlyDictionary<string, string> Settings(ProducerProfile profile)
    {
        var settings = new Dictionary<string, string>(Common)
        {
            ["acks"] = "all",
            ["enable.idempotence"] = "true",
        };
        var batched = profile is ProducerProfile.Batched or ProducerProfile.BatchedLz4 or ProducerProfile.BatchedZstd or ProducerProfile.BatchedAcksLeader;
        if (batched)
        {
            settings["linger.ms"] = "20";
            settings["batch.num.messages"] = "100000";
            settings["batch.size"] = "1000000";
        }

        switch (profile)
        {
            case ProducerProfile.NoLinger:
                settings["linger.ms"] = "0";
                break;
            case ProducerProfile.SmallBatches:
                settings["batch.size"] = "16384";
                break;
            case ProducerProfile.BatchedLz4:
                settings["compression.type"] = "lz4";
                break;
            case ProducerProfile.BatchedZstd:
                settings["compression.type"] = "zstd";
                break;
            case ProducerProfile.BatchedAcksLeader:
                settings["acks"] = "1";
                settings["enable.idempotence"] = "false";
                break;
        }

        return settings;
    }
}
