using Microsoft.Extensions.Options;
using Workbook.Contracts;
using Workbook.Contracts.Orders;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Consumers;

/// <summary>
/// The default e-mail "sender": logs the confirmation (plug a real one in by registering another <see cref="IEmailSender"/>).
/// With <see cref="ShopOptions.FailEmail"/> it fails every send instead.
/// </summary>
internal sealed partial class LoggingEmailSender(ILogger<LoggingEmailSender> logger, IOptionsMonitor<ShopOptions> options) : IEmailSender
{
    public Task SendOrderConfirmationAsync(Order order, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.FailEmail)
        {
            throw new InvalidOperationException($"The e-mail sender was told to fail (Shop:FailEmail): confirmation of {order.OrderId} not sent.");
        }

        Sent(logger, order.OrderId, order.Email);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail: confirmation of {OrderId} to {Email}")]
    private static partial void Sent(ILogger logger, string orderId, string email);
}

/// <summary>
/// The default SMS "sender": logs the message (plug a real one in by registering another <see cref="ISmsSender"/>).
/// With <see cref="ShopOptions.FailSms"/> it fails every send instead.
/// </summary>
internal sealed partial class LoggingSmsSender(ILogger<LoggingSmsSender> logger, IOptionsMonitor<ShopOptions> options) : ISmsSender
{
    public Task SendOrderSmsAsync(Order order, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.FailSms)
        {
            throw new InvalidOperationException($"The SMS sender was told to fail (Shop:FailSms): text for {order.OrderId} not sent.");
        }

        Sent(logger, order.OrderId, order.UserId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS: order {OrderId} accepted, to {UserId}")]
    private static partial void Sent(ILogger logger, string orderId, string userId);
}
