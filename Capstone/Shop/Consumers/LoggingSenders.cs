using Workbook.Contracts;
using Workbook.Contracts.Orders;

namespace Workbook.Shop.Consumers;

/// <summary>The default e-mail "sender": logs the confirmation (plug a real one in by registering another <see cref="IEmailSender"/>).</summary>
internal sealed partial class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender
{
    public Task SendOrderConfirmationAsync(Order order, CancellationToken cancellationToken)
    {
        Sent(logger, order.OrderId, order.Email);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail: confirmation of {OrderId} to {Email}")]
    private static partial void Sent(ILogger logger, string orderId, string email);
}

/// <summary>The default SMS "sender": logs the message (plug a real one in by registering another <see cref="ISmsSender"/>).</summary>
internal sealed partial class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : ISmsSender
{
    public Task SendOrderSmsAsync(Order order, CancellationToken cancellationToken)
    {
        Sent(logger, order.OrderId, order.UserId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS: order {OrderId} accepted, to {UserId}")]
    private static partial void Sent(ILogger logger, string orderId, string userId);
}
