using Workbook.Contracts.Orders;

namespace Workbook.Shop.Consumers;

/// <summary>Sends text messages on behalf of the shop: an external system that may fail or be slow.</summary>
public interface ISmsSender
{
    /// <summary>Tells the customer of <paramref name="order"/> that it was accepted; throws when it could not.</summary>
    Task SendOrderSmsAsync(Order order, CancellationToken cancellationToken);
}
