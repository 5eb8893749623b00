using System.Collections.Concurrent;
using Workbook.Contracts.Orders;

namespace Workbook.Exercises.Tests.Lesson07;

/// <summary>
/// An <see cref="IEmailSender"/> that records every call and fails for the orders it is told to; each call first takes
/// <c>takes</c> (none by default), cut short by its token as a real mail client's would be.
/// </summary>
internal sealed class RecordingEmailSender(Func<Order, bool>? failsFor = null, TimeSpan? takes = null) : IEmailSender
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, int> _sent = new();
    private readonly ConcurrentQueue<string> _recipients = new();

    /// <summary>Successful sends per order id.</summary>
    public IReadOnlyDictionary<string, int> Sent => _sent;

    /// <summary>Calls per order id, failed ones included.</summary>
    public IReadOnlyDictionary<string, int> Attempts => _attempts;

    /// <summary>Where successful sends went, in order.</summary>
    public IReadOnlyCollection<string> Recipients => _recipients;

    public async Task SendOrderConfirmationAsync(Order order, CancellationToken cancellationToken)
    {
        _attempts.AddOrUpdate(order.OrderId, 1, (_, n) => n + 1);
        if (takes is { } duration)
        {
            await Task.Delay(duration, cancellationToken);
        }

        if (failsFor?.Invoke(order) == true)
        {
            throw new InvalidOperationException($"mail server refused {order.OrderId}");
        }

        _sent.AddOrUpdate(order.OrderId, 1, (_, n) => n + 1);
        _recipients.Enqueue(order.Email);
    }
}
