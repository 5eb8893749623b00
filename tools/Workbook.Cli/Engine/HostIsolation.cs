namespace Workbook.Cli.Engine;

/// <summary>
/// How a test host is started when it must not be trusted: the program that wraps <c>dotnet exec</c> (a sandbox),
/// the environment it gets (a null value removes a variable), and the folder it runs in.
/// </summary>
/// <param name="FileName">The wrapper, e.g. <c>unshare</c>; null to start <c>dotnet</c> directly.</param>
/// <param name="Prefix">The wrapper's arguments, before <c>dotnet exec …</c>.</param>
/// <param name="Environment">Variables to set (null removes one).</param>
/// <param name="WorkingDirectory">The host's current directory.</param>
public sealed record HostIsolation(string? FileName, IReadOnlyList<string> Prefix, IReadOnlyDictionary<string, string?> Environment, string WorkingDirectory);
