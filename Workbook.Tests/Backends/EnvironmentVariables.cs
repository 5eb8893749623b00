namespace Workbook.Tests.Backends;

/// <summary>Sets environment variables for one test and restores them; tests using it share a collection so they never overlap.</summary>
public sealed class EnvironmentVariables : IDisposable
{
    private readonly (string Name, string? Value)[] _saved;

    public EnvironmentVariables(params (string Name, string? Value)[] values)
    {
        _saved = [.. values.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name)))];
        foreach (var (name, value) in values)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
