using Workbook.Cli.Engine;
using Workbook.Cli.Running;
using Workbook.Infrastructure.Backends;

namespace Workbook.Cli.Pristine;

/// <summary>
/// Where a student's code runs during a pristine grade. On Linux, when <c>unshare</c> may make namespaces (the grader
/// runs as root), the test host gets its own network namespace with loopback only, its own PID namespace
/// (every process it starts dies with it), and a mount namespace in which every file system is read-only except the
/// run folder of its scratch workspace; it runs as the user nobody, without capabilities. It then cannot reach the shared warm Redis either, so it starts its own
/// (the backend chain's embedded redis-server, or Garnet). Elsewhere the host runs as it is, with its HOME, TMPDIR,
/// DOTNET_CLI_HOME and NUGET_PACKAGES pointed into the scratch folder, against the shared warm Redis.
/// </summary>
public sealed class Sandbox
{
    // $1 is the run folder; the rest is the command. Mounts are made private first, so nothing here is seen outside.
    // The command runs as nobody with no capabilities: it cannot remount anything writable again, and root's files
    // (0700 home folders) are closed to it.
    private const string Script = """
        set -e
        run="$1"; shift
        ip link set lo up
        chown -R 65534:65534 "$run"
        mount --make-rprivate /
        mount --bind "$run" "$run"
        for m in $(awk '{print $2}' /proc/self/mounts | sort -u); do
          case "$m" in
            /proc|/proc/*|/sys|/sys/*|/dev|/dev/pts|"$run") ;;
            *) mount -o remount,bind,ro "$m" 2>/dev/null || { echo "workbook sandbox: cannot make $m read-only" >&2; exit 97; } ;;
          esac
        done
        exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs -- "$@"
        """;

    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(20);

    private Sandbox(bool isolated, string description)
    {
        Isolated = isolated;
        Description = description;
    }

    /// <summary>True when the test host runs in the namespaces; false when only its folders are redirected.</summary>
    public bool Isolated { get; }

    /// <summary>One sentence for the report.</summary>
    public string Description { get; }

    /// <summary>Tries the namespaces once (a run of <c>true</c> inside them) and says what the grade will get.</summary>
    public static async Task<Sandbox> ProbeAsync(string scratch, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new Sandbox(false, "no sandbox on this OS (network namespaces are Linux only): the test host ran with its HOME and TMPDIR in the scratch folder, against the shared Redis");
        }

        var probe = Path.Combine(scratch, "sandbox-probe");
        Directory.CreateDirectory(probe);
        try
        {
            // As nobody, inside: the scratch folder must be readable to the user the tests will run as.
            var run = await ProcessRunner.RunAsync("unshare", [.. Prefix(probe), "ls", probe], probe, new ProcessOptions { Limit = ProbeLimit }, cancellationToken);
            return run.ExitCode == 0
                ? new Sandbox(true, "network namespace with loopback only, PID namespace (no process outlives the run), every file system read-only but the scratch run folder, run as nobody without capabilities; its own Redis")
                : new Sandbox(false, $"no sandbox: unshare could not make the namespaces here ({string.Join(" ", run.Output.TakeLast(2)).Trim()}); the test host ran with its HOME and TMPDIR in the scratch folder, against the shared Redis");
        }
        catch (UsageException e)
        {
            return new Sandbox(false, $"no sandbox: {e.Message.TrimEnd('.')}; the test host ran with its HOME and TMPDIR in the scratch folder, against the shared Redis");
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    /// <summary>How to start the test host for one workspace; <paramref name="sharedRedis"/> is used only without namespaces.</summary>
    public HostIsolation For(PristineWorkspace workspace, IReadOnlyDictionary<string, string>? sharedRedis)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var folders = workspace.RunFolders.ToList();
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = folders[0],
            ["TMPDIR"] = folders[1],
            ["DOTNET_CLI_HOME"] = folders[2],
            ["NUGET_PACKAGES"] = folders[3],
            ["XDG_CONFIG_HOME"] = folders[0],
            ["XDG_CACHE_HOME"] = folders[1],
            ["XDG_DATA_HOME"] = folders[0],
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            [WorkbookEnvironment.DockerVariable] = "0",
            [WorkbookEnvironment.KafkaVariable] = null,
            [WorkbookEnvironment.RedisVariable] = null,
        };
        if (!Isolated && sharedRedis is not null)
        {
            foreach (var (name, value) in sharedRedis)
            {
                environment[name] = value;
            }
        }

        return Isolated
            ? new HostIsolation("unshare", Prefix(workspace.RunFolder), environment, workspace.RunFolder)
            : new HostIsolation(null, [], environment, workspace.RunFolder);
    }

    internal static IReadOnlyList<string> Prefix(string runFolder) =>
        ["--mount", "--net", "--pid", "--fork", "--kill-child", "--", "sh", "-c", Script, "workbook-sandbox", runFolder];
}
