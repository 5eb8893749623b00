namespace Workbook.Cli;

/// <summary>What the <c>workbook</c> command returns to the shell.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The tests cannot run here (doctor), or they could not be built or run (progress, grade).</summary>
    public const int CannotRun = 1;

    /// <summary>Bad input: unknown lesson, missing results, unknown format.</summary>
    public const int Usage = 2;

    /// <summary>grade --class / --roster: the files were written, but some students could not be graded (their rows say why).</summary>
    public const int NotAllGraded = 3;
}
