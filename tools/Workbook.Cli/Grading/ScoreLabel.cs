using Workbook.Cli.Localization;

namespace Workbook.Cli.Grading;

/// <summary>
/// A score as the Markdown report and the class summary say it, in the command's language. The JUnit report keeps
/// <see cref="Score.Describe"/>, which is English whatever the language: its properties are a schema.
/// </summary>
public static class ScoreLabel
{
    /// <summary>"3 of 7 (43 %)" ("3/7 (43 %)" in Vietnamese), or "no tests".</summary>
    public static string Of(Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Credit is { } credit
            ? GradeText.ScoreOf(score.Passed, score.Total, credit * 100)
            : score.Skipped > 0 ? GradeText.NoTestsSkipped(score.Skipped) : GradeText.NoTests;
    }
}
