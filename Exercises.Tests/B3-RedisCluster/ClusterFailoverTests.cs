using System.Diagnostics;
using System.Net;
using StackExchange.Redis;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB3;

/// <summary>Runs alone, after the parallel tests: killing a master would fail whatever else is running.</summary>
[CollectionDefinition(nameof(ClusterFailoverCollection), DisableParallelization = true)]
public sealed class ClusterFailoverCollection;

[Lesson("B3", Level.Advanced, Skill.Redis)]
[Collection(nameof(ClusterFailoverCollection))]
public sealed class ClusterFailoverTests(RedisFixture redis) : RedisTest(redis)
{
    private const string NeedsCluster = "needs WORKBOOK_REDIS pointing at a Redis Cluster: run scripts/redis-cluster start";
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(30);

    private static readonly string[] RestartSettings =
    [
        "port", "bind", "protected-mode", "cluster-enabled", "cluster-config-file", "cluster-node-timeout",
        "dir", "logfile", "pidfile", "save", "appendonly",
    ];

    [RedisFact(TimeoutSeconds = 90)]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task Lessons_keep_working_and_keep_their_data_when_a_master_dies()
    {
        var views = new ArticleViews(Db);
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 5, window: TimeSpan.FromMinutes(5));
        for (var view = 0; view < 3; view++)
        {
            await views.ViewAsync(42);
        }

        (await limiter.IsAllowedAsync("alice")).Should().BeTrue("alice's first IsAllowedAsync with max 5 is admitted before the failover");
        (await limiter.IsAllowedAsync("alice")).Should().BeTrue("alice's second IsAllowedAsync with max 5 is admitted before the failover");

        var servers = Redis.Connection.GetServers().Where(s => s.IsConnected).ToArray();
        if (!servers.Any(s => s.ServerType == ServerType.Cluster))
        {
            SkipOnGarnet("a Redis Cluster of 3 masters and 3 replicas, WAIT and failover");
            Assert.Skip(NeedsCluster);
        }

        // The master that owns the ranking's slot ({articles}) is the one to kill.
        RedisKey ranking = Scope.Prefix + "{articles}:ranking";
        var owner = servers[0].ClusterConfiguration?.GetBySlot(ranking)
            ?? throw new InvalidOperationException($"No cluster node owns the slot of {ranking}.");
        var master = Redis.Connection.GetServer(owner.EndPoint!);
        var restart = await RestartCommandAsync(owner.EndPoint!);
        if (restart is null)
        {
            Assert.Skip($"the master at {owner.EndPoint} is not a process on this machine, so the test could not restart it afterwards; {NeedsCluster}");
        }

        // WAIT on the connection that wrote: returns once a replica acknowledged everything written through it.
        var acknowledged = (long)await master.ExecuteAsync("WAIT", 1, 1000);
        acknowledged.Should().BeGreaterThanOrEqualTo(1, $"the replica of {owner.EndPoint} must have the data before its master dies");

        await ShutdownAsync(owner.EndPoint!);
        try
        {
            (await Eventually.UntilAsync(
                "article 42's count to be readable again after the failover",
                () => Attempt(() => views.GetViewCountAsync(42)),
                count => count is not null,
                Failover,
                cancellationToken: Cancellation)).Should().Be(3, "GetViewCountAsync(42) after the failover returns 3: the replica had the 3 views when its master died");
            (await Eventually.UntilAsync(
                "a new view of article 42 to be counted",
                () => Attempt(() => views.ViewAsync(42)),
                count => count is not null,
                Failover,
                cancellationToken: Cancellation)).Should().Be(4, "ViewAsync(42) after the failover returns 4: counting goes on from the replicated value");
            (await Eventually.UntilAsync(
                "the rate limiter to answer again",
                () => Attempt(() => limiter.GetRemainingRequestsAsync("alice")),
                left => left is not null,
                Failover,
                cancellationToken: Cancellation)).Should().Be(3, "GetRemainingRequestsAsync(\"alice\") after the failover returns 5 - 2 = 3: alice's 2 requests were recorded before it");
            await using var lockHolder = new DistributedLock(Db, "after-failover");
            (await Eventually.UntilAsync(
                "the distributed lock to be taken",
                () => Attempt(lockHolder.TryAcquireAsync),
                taken => taken is not null,
                Failover,
                cancellationToken: Cancellation)).Should().Be(true, "TryAcquireAsync() on after-failover succeeds once the cluster answers: nobody else holds lock:{after-failover}");
        }
        finally
        {
            await RejoinAsync(owner.EndPoint!, restart);
        }
    }

    private static async Task<T?> Attempt<T>(Func<Task<T>> call)
        where T : struct
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // Expected while the cluster elects the replica and the client learns the new slot owner.
            return null;
        }
    }

    // How to start the killed node again with the same settings and nodes.conf, so it rejoins (as a replica).
    // Null when it is not a process on this machine (its executable is not here, or it is not on loopback).
    private async Task<string[]?> RestartCommandAsync(EndPoint endPoint)
    {
        await using var admin = await AdminAsync(endPoint);
        var server = admin.GetServer(endPoint);
        var info = await server.InfoAsync("server");
        var executable = info.SelectMany(group => group).FirstOrDefault(pair => pair.Key == "executable").Value;
        if (executable is null || !File.Exists(executable))
        {
            // Started as a bare "redis-server", the node reports that name relative to its start directory.
            executable = ExecutableLocator.Find("redis-server");
        }

        if (executable is null || !IsLoopback(endPoint))
        {
            return null;
        }

        List<string> command = [executable];
        foreach (var name in RestartSettings)
        {
            var setting = await server.ConfigGetAsync(name);
            if (setting.Length == 1)
            {
                command.AddRange(["--" + name, setting[0].Value]);
            }
        }

        command.AddRange(["--daemonize", "yes"]);
        return [.. command];
    }

    private async Task ShutdownAsync(EndPoint endPoint)
    {
        await using var admin = await AdminAsync(endPoint);
        try
        {
            await admin.GetServer(endPoint).ExecuteAsync("SHUTDOWN", "NOSAVE");
        }
        catch (RedisException)
        {
            // The server closes the connection instead of answering.
        }
    }

    private async Task RejoinAsync(EndPoint endPoint, string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command[0]}."))
        {
            await process.WaitForExitAsync(Cancellation);
        }

        await Eventually.UntilAsync(
            $"{endPoint} to rejoin the cluster as a replica",
            async () =>
            {
                try
                {
                    await using var admin = await AdminAsync(endPoint);
                    var role = await admin.GetServer(endPoint).ExecuteAsync("ROLE");
                    var cluster = (string?)await admin.GetServer(endPoint).ExecuteAsync("CLUSTER", "INFO") ?? string.Empty;
                    return $"{((RedisResult[])role!)[0]} {(cluster.Contains("cluster_state:ok", StringComparison.Ordinal) ? "ok" : "not ok")}";
                }
                catch (RedisException)
                {
                    return "down";
                }
            },
            state => state == "slave ok",
            Failover,
            cancellationToken: Cancellation);
    }

    private static bool IsLoopback(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => IPAddress.IsLoopback(ip.Address),
        DnsEndPoint dns => dns.Host is "localhost" or "127.0.0.1",
        _ => false,
    };

    // A direct, admin-enabled connection to one node: SHUTDOWN and INFO are admin commands in StackExchange.Redis.
    private async Task<ConnectionMultiplexer> AdminAsync(EndPoint endPoint)
    {
        // The run's options (password, TLS…), pointed at this one node.
        var options = ConfigurationOptions.Parse(Redis.Backend.ConnectionString);
        options.EndPoints.Clear();
        options.EndPoints.Add(endPoint);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
