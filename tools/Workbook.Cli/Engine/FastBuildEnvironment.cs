using System.Diagnostics;

namespace Workbook.Cli.Engine;

/// <summary>
/// How the engine's builds stay fast: the C# compiler server and MSBuild's reusable nodes stay up between builds,
/// so a rebuild after one saved file costs about a second instead of a cold compiler start. Some machines turn
/// these off through the environment (UseSharedCompilation=false, MSBUILDDISABLENODEREUSE=1); the engine's own
/// builds turn them back on. The servers stop by themselves when idle (dotnet build-server shutdown stops them now).
/// </summary>
public static class FastBuildEnvironment
{
    public static void ApplyTo(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.Environment["UseSharedCompilation"] = "true";
        start.Environment.Remove("MSBUILDDISABLENODEREUSE");
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
    }
}
