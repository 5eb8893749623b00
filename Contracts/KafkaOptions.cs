using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace Workbook.Contracts;

/// <summary>
/// Where the Kafka lessons connect and how their names are isolated. Tests give every test its own
/// <see cref="TopicPrefix"/>, so topics and consumer groups never collide between tests or reruns.
/// </summary>
public sealed partial record KafkaOptions
{
    /// <summary>Bootstrap servers, e.g. <c>localhost:9092</c>.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Prepended to every topic and consumer group name; empty in production.</summary>
    public string TopicPrefix { get; init; } = string.Empty;

    /// <summary>Extra librdkafka settings for every client (e.g. tuning the backend needs); applied after the defaults.</summary>
    public IReadOnlyDictionary<string, string> ClientSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra librdkafka settings for consumers only.</summary>
    public IReadOnlyDictionary<string, string> ConsumerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra librdkafka settings for producers only.</summary>
    public IReadOnlyDictionary<string, string> ProducerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>The real name of a topic: <c>Topic("orders")</c> is <c>{TopicPrefix}orders</c>.</summary>
    public string Topic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return TopicPrefix + name;
    }

    /// <summary>The real id of a consumer group: <c>GroupId("email-service")</c> is <c>{TopicPrefix}email-service</c>.</summary>
    public string GroupId(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return TopicPrefix + name;
    }

    /// <summary>Copies the bootstrap servers and the extra settings into a Confluent.Kafka config and returns it.</summary>
    public T ApplyTo<T>(T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate();
        config.BootstrapServers = BootstrapServers;
        foreach (var (key, value) in ClientSettings)
        {
            config.Set(key, value);
        }

        var roleSettings = config switch
        {
            ConsumerConfig => ConsumerSettings,
            ProducerConfig => ProducerSettings,
            _ => new Dictionary<string, string>(),
        };
        foreach (var (key, value) in roleSettings)
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            throw new ArgumentException("KafkaOptions.BootstrapServers is required (e.g. localhost:9092).", nameof(BootstrapServers));
        }

        if (!LegalName().IsMatch(TopicPrefix))
        {
            throw new ArgumentException($"KafkaOptions.TopicPrefix '{TopicPrefix}' may only hold letters, digits, '.', '_' and '-'.", nameof(TopicPrefix));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]*$")]
    private static partial Regex LegalName();
}
