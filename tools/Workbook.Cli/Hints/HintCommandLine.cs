namespace Workbook.Cli.Hints;

/// <summary>The hint command as a student types it from the workbook's root, so every footer can be copied and run.</summary>
public static class HintCommandLine
{
    /// <summary>How the workbook command is started from the root of a checkout.</summary>
    public const string Workbook = "dotnet run --project tools/Workbook.Cli --";

    /// <summary><c>dotnet run --project tools/Workbook.Cli -- hint 06 --level 2</c>; without a level, tier 1.</summary>
    public static string For(string lesson, int? level = null) =>
        level is null or 1 ? $"{Workbook} hint {lesson}" : $"{Workbook} hint {lesson} --level {level}";
}
