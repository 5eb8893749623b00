using Confluent.Kafka;
using Workbook.Contracts;

namespace Workbook.Benchmarks.Kafka;

/// <summary>The baseline: Confluent.Kafka without any lesson code around it.</summary>
public static class BareProducer
{
    public static IProducer<Null, byte[]> Build(KafkaOptions options) =>
        new ProducerBuilder<Null, byte[]>(options.ApplyTo(new ProducerConfig())).Build();

    /// <summary>Hands <paramref name="count"/> messages to librdkafka without waiting for each, then waits for all.</summary>
    public static void ProduceAll(IProducer<Null, byte[]> producer, string topic, byte[][] payloads, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var message = new Message<Null, byte[]> { Value = payloads[i % payloads.Length] };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message);
                    break;
                }
                catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The local queue is full: let librdkafka deliver some, then try again.
                    producer.Poll(TimeSpan.FromMilliseconds(1));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromSeconds(60)) != 0)
        {
            throw new InvalidOperationException("Messages were still undelivered after 60 s.");
        }
    }
}
