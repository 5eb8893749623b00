using Workbook.Contracts.Orders;

namespace Workbook.Contracts;

/// <summary>Sends e-mail on behalf of the shop (lesson 07 and the capstone). An external system: it may fail or be slow.</summary>
public interface IEmailSender
{
    /// <summary>Sends the confirmation of <paramref name="order"/> to <see cref="Order.Email"/>; throws when it could not.</summary>
    /// <param name="order">The order to confirm.</param>
    /// <param name="cancellationToken">Stops waiting for the mail server.</param>
    Task SendOrderConfirmationAsync(Order order, CancellationToken cancellationToken);
}
