namespace Workbook.Cli.Running;

/// <summary>What the lesson tests are compiled against (<c>-p:WorkbookTarget=...</c>).</summary>
public enum WorkbookTarget
{
    /// <summary>The student's stubs in <c>Exercises/</c>.</summary>
    Exercises,

    /// <summary>The reference answers in <c>Solutions/</c>.</summary>
    Solutions,
}
