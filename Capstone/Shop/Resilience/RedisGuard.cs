using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;
using StackExchange.Redis;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Resilience;

/// <summary>
/// Every Redis call the API makes goes through here: a Polly pipeline (Microsoft.Extensions.Resilience) with a circuit
/// breaker around a per-call timeout of <see cref="ShopOptions.RedisCallTimeout"/>. A paused or unreachable Redis
/// therefore costs a caller at most that timeout, and once half the calls of the last 10 s (at least 4) failed the
/// circuit opens for <see cref="ShopOptions.RedisBreakDuration"/>: calls then fail at once, without touching Redis,
/// until one trial call finds it back. Reads that may safely run twice (<see cref="ReadAsync{T}"/>) are retried once
/// after a connection error; writes are never retried (a lost reply may still have been applied). Every failure
/// comes out as one exception, <see cref="RedisUnavailableException"/>, and each caller decides what failing open means.
/// </summary>
public sealed class RedisGuard(ResiliencePipelineProvider<string> pipelines, IOptions<ShopOptions> options)
{
    public const string Pipeline = "shop-redis";
    public const string ReadPipeline = "shop-redis-read";

    private readonly ResiliencePipeline _calls = pipelines.GetPipeline(Pipeline);
    private readonly ResiliencePipeline _reads = pipelines.GetPipeline(ReadPipeline);

    /// <summary>How long a client should wait before trying again: the breaker's break.</summary>
    public TimeSpan RetryAfter => options.Value.RedisBreakDuration;

    /// <summary>A call that must not run twice (a write or a script that changes data).</summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default) =>
        ExecuteAsync(_calls, call, cancellationToken);

    /// <summary>A call that must not run twice and returns nothing.</summary>
    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken = default) =>
        ExecuteAsync(_calls, async token => { await call(token); return true; }, cancellationToken);

    /// <summary>A call that may run twice: retried once after a connection error.</summary>
    public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default) =>
        ExecuteAsync(_reads, call, cancellationToken);

    /// <summary>Registers the two pipelines; the read pipeline's retry wraps the shared breaker, so both count together.</summary>
    public static IServiceCollection AddRedisGuard(IServiceCollection services)
    {
        services.AddResiliencePipeline(Pipeline, (builder, context) =>
        {
            var shop = context.ServiceProvider.GetRequiredService<IOptions<ShopOptions>>().Value;
            builder
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<RedisConnectionException>().Handle<RedisTimeoutException>().Handle<TimeoutRejectedException>(),
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(10),
                    BreakDuration = shop.RedisBreakDuration,
                })
                .AddTimeout(shop.RedisCallTimeout);
        });
        services.AddResiliencePipeline(ReadPipeline, (builder, context) => builder
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisConnectionException>(),
                MaxRetryAttempts = 1,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Constant,
            })
            .AddPipeline(context.ServiceProvider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(Pipeline)));
        services.AddSingleton<RedisGuard>();
        return services;
    }

    private async Task<T> ExecuteAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    // StackExchange.Redis takes no token: WaitAsync lets the timeout end the wait; the abandoned call
                    // finishes (or times out) on its own and its error is observed below.
                    var task = state(token);
                    try
                    {
                        return await task.WaitAsync(token);
                    }
                    catch (OperationCanceledException) when (!task.IsCompleted)
                    {
                        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        throw;
                    }
                },
                call,
                cancellationToken);
        }
        catch (Exception error) when (error is BrokenCircuitException or TimeoutRejectedException or RedisConnectionException or RedisTimeoutException)
        {
            throw new RedisUnavailableException(error);
        }
    }
}

/// <summary>Redis did not answer in time, the connection is lost, or the circuit is open after such failures.</summary>
public sealed class RedisUnavailableException(Exception cause, string? consequence = null)
    : RedisException((cause is BrokenCircuitException ? "Redis is unavailable (circuit open after recent failures)." : $"Redis is unavailable: {cause.Message}") + (consequence is null ? string.Empty : " " + consequence), cause)
{
    /// <summary>True when the call failed at once because the circuit is open (Redis was not touched).</summary>
    public bool CircuitOpen => InnerException is BrokenCircuitException;
}
