namespace Workbook.Cli.Watch;

/// <summary>What wakes the watch loop: a saved file or a key.</summary>
public abstract record WatchSignal;

/// <summary>Files under Exercises/ changed; <paramref name="At"/> is when the first of them was seen.</summary>
public sealed record FilesSaved(DateTimeOffset At, IReadOnlyList<string> Files) : WatchSignal;

/// <summary>The student pressed a key.</summary>
public sealed record KeyPressed(WatchKey Key) : WatchSignal;
