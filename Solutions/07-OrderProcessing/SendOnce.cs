using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// A notification sent at most once per marker, as far as Redis can tell: the sender is outside Redis, so sending and
/// remembering cannot be one atomic step. A marked notification is skipped; the mark is set after a successful send,
/// so a crash between the two sends it again (at least once). Lesson 07's e-mail consumer and the shop's SMS consumer.
/// </summary>
internal static class SendOnce
{
    /// <summary>Runs <paramref name="send"/> unless <paramref name="marker"/> exists, then sets it.</summary>
    public static async Task RunAsync(IDatabase redis, RedisKey marker, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        if (await redis.KeyExistsAsync(marker))
        {
            return;
        }

        await send(cancellationToken);
        await redis.StringSetAsync(marker, "1");
    }
}
