using Workbook.Cli.Results;

namespace Workbook.Cli.Engine;

/// <summary>What the test host reported, as the engine needs it.</summary>
public abstract record HostEvent;

/// <summary>A line the tests' fixtures wrote: which Redis and Kafka they use.</summary>
public sealed record HostDiagnostic(string Message) : HostEvent;

/// <summary>A test started; <paramref name="Timeout"/> is its bound, when it has one.</summary>
public sealed record TestStarted(string TestId, string DisplayName, TimeSpan? Timeout) : HostEvent;

/// <summary>A test ended.</summary>
public sealed record TestEnded(string TestId, TestResult Result) : HostEvent;

/// <summary>The host itself failed (a catastrophic error outside any test).</summary>
public sealed record HostError(string Message) : HostEvent;
