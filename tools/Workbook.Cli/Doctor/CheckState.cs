namespace Workbook.Cli.Doctor;

/// <summary>How a doctor check came out.</summary>
public enum CheckState
{
    /// <summary>Present and working.</summary>
    Ok,

    /// <summary>Not there, but something else covers it (e.g. no Docker, but redis-server is on PATH).</summary>
    Optional,

    /// <summary>Tests cannot run until this is fixed.</summary>
    Fail,
}
