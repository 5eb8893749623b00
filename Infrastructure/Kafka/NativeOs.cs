namespace Workbook.Infrastructure.Kafka;

/// <summary>The operating systems librdkafka.redist ships a native build for.</summary>
public enum NativeOs
{
    Linux,
    Windows,
    MacOS,
}
