namespace Workbook.Cli.Watch;

/// <summary>What the student can ask of a watch session.</summary>
public enum WatchKey
{
    /// <summary>h: the next hint tier of the current lesson.</summary>
    Hint,

    /// <summary>r: build and run the current lesson again.</summary>
    Rerun,

    /// <summary>f: every failing test of the current lesson, not only the first.</summary>
    AllFailures,

    /// <summary>l: every lesson and how far it is.</summary>
    Lessons,

    /// <summary>q: stop watching.</summary>
    Quit,
}
