namespace Workbook.Shop.Simulation;

/// <summary>The bare <c>--simulate</c> command-line flag, which .NET's command-line configuration cannot read by itself.</summary>
public static class SimulatorArgs
{
    /// <summary>The arguments with <c>--simulate</c> turned into <c>--Shop:Simulate=true</c>.</summary>
    public static string[] Translate(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(a => string.Equals(a, "--simulate", StringComparison.OrdinalIgnoreCase) ? "--Shop:Simulate=true" : a)];
    }
}
