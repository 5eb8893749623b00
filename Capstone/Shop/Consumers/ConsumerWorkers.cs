using Microsoft.Extensions.Options;
using Workbook.Contracts;
using Workbook.Lessons;
using Workbook.Shop.Analytics;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Consumers;

/// <summary>
/// Runs one order consumer as a hosted service (role workers/all, unless <see cref="ShopOptions.RunConsumers"/> is off).
/// Stopping the host cancels <c>ProcessAsync</c>: the loop finishes the record in hand, commits the offsets it
/// processed and leaves the group, so the next start neither loses nor repeats work.
/// </summary>
internal abstract class ConsumerWorker(IOptions<ShopOptions> options) : BackgroundService
{
    protected ShopOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.RunConsumers)
        {
            return;
        }

        await RunAsync(stoppingToken);
    }

    protected abstract Task RunAsync(CancellationToken stoppingToken);
}

internal sealed class EmailWorker(ShopBackends backends, IEmailSender sender, IOptions<ShopOptions> options, ILogger<EmailConsumer> logger) : ConsumerWorker(options)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var consumer = new EmailConsumer(backends.Kafka, backends.Database, sender, Options.ConsumerMaxAttempts, logger);
        await consumer.ProcessAsync(stoppingToken);
    }
}

internal sealed class InventoryWorker(ShopBackends backends, IOptions<ShopOptions> options, ILogger<InventoryConsumer> logger) : ConsumerWorker(options)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var consumer = new InventoryConsumer(backends.Kafka, backends.Database, logger);
        await consumer.ProcessAsync(stoppingToken);
    }
}

internal sealed class LoyaltyWorker(ShopBackends backends, IOptions<ShopOptions> options, ILogger<LoyaltyConsumer> logger) : ConsumerWorker(options)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var consumer = new LoyaltyConsumer(backends.Kafka, backends.Database, logger);
        await consumer.ProcessAsync(stoppingToken);
    }
}

internal sealed class SmsWorker(ShopBackends backends, ISmsSender sender, IOptions<ShopOptions> options, ILogger<SmsConsumer> logger) : ConsumerWorker(options)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var consumer = new SmsConsumer(backends.Kafka, backends.Database, sender, Options.ConsumerMaxAttempts, logger);
        await consumer.ProcessAsync(stoppingToken);
    }
}

internal sealed class AnalyticsWorker(ShopBackends backends, AnalyticsStore store, IOptions<ShopOptions> options, ILogger<AnalyticsConsumer> logger) : ConsumerWorker(options)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var consumer = new AnalyticsConsumer(backends.Kafka, store, Options.ConsumerMaxAttempts, logger);
        await consumer.ProcessAsync(stoppingToken);
    }
}
