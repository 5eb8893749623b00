using Xunit;

namespace Workbook.Shop.BrowserTests;

/// <summary>
/// The Chromium the browser tests drive: <c>WORKBOOK_CHROMIUM</c> when set, else <c>/usr/bin/chromium</c> (Debian's
/// package). Playwright never downloads a browser here. Without one the tests are skipped with the reason — unless
/// <c>WORKBOOK_REQUIRE_BROWSER=1</c> (CI), where a missing browser is a failure.
/// </summary>
internal static class SystemChromium
{
    public const string PathVariable = "WORKBOOK_CHROMIUM";
    public const string RequireVariable = "WORKBOOK_REQUIRE_BROWSER";
    private const string DebianPath = "/usr/bin/chromium";

    /// <summary>The executable, or a skipped (or, when required, failed) test that says why there is none.</summary>
    public static string Require()
    {
        if (Find(out var reason) is { } path)
        {
            return path;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{reason} {RequireVariable}=1, so the browser tests must run.");
        }

        Assert.Skip($"{reason} Install it (apt-get install chromium) or set {PathVariable} to a Chromium executable; set {RequireVariable}=1 to make this a failure.");
        return string.Empty; // not reached: Skip throws
    }

    private static string? Find(out string reason)
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            reason = $"{PathVariable} is '{configured}', but there is no such file.";
            return File.Exists(configured) ? configured : null;
        }

        reason = $"No Chromium found: {PathVariable} is not set and {DebianPath} does not exist.";
        return File.Exists(DebianPath) ? DebianPath : null;
    }
}
