namespace Workbook.Contracts;

/// <summary>What the rate limiter decided about one request (lesson 06).</summary>
/// <param name="Allowed">Whether the request may go ahead; a denied request is not recorded.</param>
/// <param name="Remaining">How many more requests the window admits after this one.</param>
/// <param name="ResetAfter">
/// How long until the oldest request in the window leaves it, freeing one slot: on a denial, how long until one
/// more request is allowed (a <c>Retry-After</c>). <see cref="TimeSpan.Zero"/> when the window is empty.
/// </param>
public sealed record RateLimitDecision(bool Allowed, int Remaining, TimeSpan ResetAfter);
