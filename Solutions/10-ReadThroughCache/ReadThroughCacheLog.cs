using Microsoft.Extensions.Logging;

namespace Workbook.Lessons;

internal static partial class ReadThroughCacheLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Cached value at {Key} does not deserialize to {Type}; treating it as a miss and reloading.")]
    public static partial void UnreadableValue(ILogger logger, string key, string type, Exception error);
}
