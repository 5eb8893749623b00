namespace Workbook.Cli;

/// <summary>A mistake in how the command was called or what it was given; printed as one line, never with a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
