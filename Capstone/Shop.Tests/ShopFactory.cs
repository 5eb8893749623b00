using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbook.Contracts;
using Workbook.Shop.Hosting;
using Workbook.Testing;

namespace Workbook.Shop.Tests;

/// <summary>
/// One in-process shop instance on the shared test Redis and Kafka. Instances made from one <see cref="ShopWorld"/>
/// share its key prefix, topic prefix and database file: they are one deployment, and no other test sees them.
/// </summary>
/// <remarks>
/// Disposing it stops the host first, as SIGTERM would, and only then lets <see cref="WebApplicationFactory{TEntryPoint}"/>
/// dispose its test server. The base class does it the other way round (the server is gone before the host begins to
/// stop), so a hosted service still calling the server while it stops — the shopper simulator — met a disposed server.
/// </remarks>
public sealed class ShopFactory(ShopWorld world, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private IHost? _host;

    public override async ValueTask DisposeAsync()
    {
        if (_host is { } host)
        {
            await host.StopAsync();
        }

        await base.DisposeAsync();
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        _host = new StopOnceHost(base.CreateHost(builder));
        return _host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Shop:KeyPrefix", world.KeyPrefix);
        builder.UseSetting("Shop:TopicPrefix", world.Kafka.TopicPrefix);
        builder.UseSetting("Shop:SqlitePath", world.DatabasePath);
        builder.UseSetting("Shop:RunConsumers", world.Consumers ? "true" : "false");
        builder.UseSetting("Shop:Auth:DevKeyFile", TestTokens.KeyFile);

        // On a loaded 2-core CI machine a call to the shared test Redis can take over the shop's 1 s default, and a
        // limiter call that fails open would let an exact-limit test admit one request too many. Only the outage tests
        // want a short timeout, and they set it.
        builder.UseSetting("Shop:RedisCallTimeout", "00:00:05");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new ShopBackends(world.Redis.Connection, world.Kafka, world.KafkaBackend, world.KeyPrefix));
            world.ConfigureServices?.Invoke(services);
        });
    }
}

/// <summary>
/// One isolated deployment of the shop for one test: its own Redis key prefix, Kafka names and database. The order
/// consumers run only when <paramref name="consumers"/> is true (tests of the API need not start ten Kafka clients).
/// </summary>
public sealed class ShopWorld(RedisFixture redis, KafkaFixture kafka, bool consumers) : IAsyncDisposable
{
    private readonly List<ShopFactory> _instances = [];

    public ShopWorld(RedisFixture redis, KafkaFixture kafka)
        : this(redis, kafka, consumers: false)
    {
    }

    public bool Consumers { get; } = consumers;

    /// <summary>Applied to every instance's services after the shop's own (test doubles).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public RedisFixture Redis { get; } = redis;

    public KafkaScope KafkaScope { get; } = kafka.NewScope();

    public KafkaOptions Kafka => KafkaScope.Options;

    public Infrastructure.Kafka.KafkaBackend KafkaBackend => KafkaScope.Backend;

    public string KeyPrefix { get; } = $"shop:{Guid.NewGuid():N}:";

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"shop-test-{Guid.NewGuid():N}.db");

    /// <summary>Starts one more instance of this deployment and returns a client for it.</summary>
    public HttpClient StartInstance(params (string Key, string? Value)[] settings)
    {
        var factory = new ShopFactory(this, settings.ToDictionary(s => s.Key, s => s.Value));
        _instances.Add(factory);
        return factory.CreateClient();
    }

    /// <summary>Stops the n-th instance gracefully (as SIGTERM would): its hosted services run their shutdown.</summary>
    public async Task StopInstanceAsync(int instance = 0)
    {
        await _instances[instance].DisposeAsync();
        _instances.RemoveAt(instance);
    }

    /// <summary>Another client for the n-th instance started.</summary>
    public HttpClient StartedClient(int instance = 0) => _instances[instance].CreateClient();

    /// <summary>The n-th instance's in-process server, for requests that set connection details (the client address).</summary>
    public TestServer Server(int instance = 0) => _instances[instance].Server;

    /// <summary>The services of the n-th instance started.</summary>
    public IServiceProvider Services(int instance = 0) => _instances[instance].Services;

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        var raw = Redis.Connection.GetDatabase();
        foreach (var server in Redis.Connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: KeyPrefix + "*", pageSize: 500))
            {
                await raw.KeyDeleteAsync(key);
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(DatabasePath);
    }
}

/// <summary>A host whose second <see cref="StopAsync"/> is the first one's: the factory stops it early, the base class again.</summary>
internal sealed class StopOnceHost(IHost host) : IHost
{
    private readonly Lazy<Task> _stop = new(() => host.StopAsync(CancellationToken.None));

    public IServiceProvider Services => host.Services;

    public Task StartAsync(CancellationToken cancellationToken = default) => host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _stop.Value.WaitAsync(cancellationToken);

    public void Dispose() => host.Dispose();
}
