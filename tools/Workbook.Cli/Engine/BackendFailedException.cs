namespace Workbook.Cli.Engine;

/// <summary>A Redis or Kafka for the tests could not be had; the message says which and how to fix it.</summary>
public sealed class BackendFailedException(string message, Exception? inner = null) : Exception(message, inner);
