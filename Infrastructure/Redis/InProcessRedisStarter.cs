namespace Workbook.Infrastructure.Redis;

/// <summary>Starts an <see cref="IInProcessRedisServer"/>: what a host passes to bring the Redis chain's last step.</summary>
public delegate Task<IInProcessRedisServer> InProcessRedisStarter(CancellationToken cancellationToken);
