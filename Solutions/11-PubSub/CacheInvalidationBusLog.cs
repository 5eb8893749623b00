using Microsoft.Extensions.Logging;

namespace Workbook.Lessons;

internal static partial class CacheInvalidationBusLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Invalidation handler failed for key {Key} on channel {Channel}; later invalidations are still delivered.")]
    public static partial void HandlerFailed(ILogger logger, string key, string channel, Exception error);
}
