namespace Workbook.Shop.Simulation;

/// <summary>
/// What the shopper simulator is doing: whether it runs, with how many shoppers, and what the current (or last) run did —
/// requests sent, orders placed (201), and requests that failed (an error status other than an empty cart, or no answer).
/// </summary>
public sealed record SimulationStatus(bool Running, int Shoppers, long Requests, long Orders, long Failures, DateTimeOffset? StartedAt)
{
    public static readonly SimulationStatus Idle = new(false, 0, 0, 0, 0, null);
}

/// <summary>The body of <c>POST /simulation</c>; without <see cref="Shoppers"/> the setting <c>Shop:SimulatedShoppers</c> is used.</summary>
public sealed record SimulationRequest(int? Shoppers);
