using Microsoft.Extensions.Options;
using Workbook.Infrastructure.Backends;
using Workbook.Shop.Auth;
using Workbook.Shop.Simulation;

namespace Workbook.Shop.Hosting;

/// <summary>
/// Runs the shop process. What stops a start that a user can fix (a bad setting, a Redis that does not answer) is
/// checked before the host starts and reported as one line on stderr (what, why, how to fix) with its own exit code,
/// no stack trace: <see cref="InvalidConfiguration"/> or <see cref="BackendUnreachable"/> (docs/capstone.md lists them).
/// </summary>
public static class ShopStartup
{
    /// <summary>A setting is invalid: a value out of range, or one that does not convert to its type.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>Redis (<c>Shop:Redis</c>, or the backend chain) or Kafka could not be reached or started.</summary>
    public const int BackendUnreachable = 3;

    /// <summary>Builds, checks and runs the shop; the process's exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            var builder = WebApplication.CreateBuilder(SimulatorArgs.Translate(args));
            var role = builder.AddShop();
            app = builder.Build();
            app.UseShop(role);

            // ValidateOnStart's validator, run now rather than inside StartAsync (where the host logs a stack trace first).
            app.Services.GetService<IStartupValidator>()?.Validate();
            if (app.Services.GetRequiredService<IOptions<ShopAuthOptions>>().Value.UsesDevIssuer)
            {
                app.Services.GetRequiredService<DevTokenIssuer>(); // its key file, read now rather than by DevKeyCheck inside the host
            }

            var options = app.Services.GetRequiredService<IOptions<ShopOptions>>().Value;
            // The same logger category as BackendStarter's, so "Redis: …" / "Kafka: …" lines are filtered alike (scripts/loadtest reads them).
            var backendLog = app.Services.GetRequiredService<ILogger<BackendStarter>>();
            await app.Services.GetRequiredService<ShopBackends>().StartAsync(options, backendLog, CancellationToken.None);
        }
        catch (Exception error) when (OwnsProcess && Describe(error) is { } failure)
        {
            await Console.Error.WriteLineAsync(OneLine($"shop: cannot start: {failure.What} Fix: {failure.Fix}"));
            return failure.ExitCode;
        }

        await using (app)
        {
            await app.RunAsync();
        }

        return 0;
    }

    // Only the shop's own process turns a failure into an exit code; a host that runs this entry point in its own
    // process (WebApplicationFactory in the tests) gets the exception, as it would from any host.
    private static bool OwnsProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ShopStartup).Assembly;

    private static (string What, string Fix, int ExitCode)? Describe(Exception error) => error switch
    {
        OptionsValidationException invalid => (
            $"invalid setting: {string.Join(" ", invalid.Failures)}",
            "correct the value named (appsettings.json, the environment variable Shop__<Name>, or --Shop:<Name>=…) and start again.",
            InvalidConfiguration),
        AggregateException { InnerExceptions: var all } when all.All(e => e is OptionsValidationException) => (
            $"invalid settings: {string.Join(" ", all.Cast<OptionsValidationException>().SelectMany(e => e.Failures))}",
            "correct the values (appsettings.json, environment variables Shop__…, or --Shop:…=…) and start again.",
            InvalidConfiguration),
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => (
            $"invalid setting: {binding.Message}",
            "give the setting a value of its type (a number, true/false, or a time span such as 00:00:05) and start again.",
            InvalidConfiguration),
        SigningKeyException key => (
            key.Message,
            "delete the file to let the shop make a new key (tokens signed with the old one stop working), or point Shop:Auth:DevKeyFile at a good one.",
            InvalidConfiguration),
        BackendUnavailableException unavailable => (
            unavailable.Message,
            "start that server, correct Shop:Redis / Shop:Kafka, or leave them empty to let the workbook's backend chain pick one (docs/backends.md).",
            BackendUnreachable),
        _ => null, // anything else is a bug: let it surface with its stack trace
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
