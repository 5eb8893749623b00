using Microsoft.Extensions.Logging;

namespace Workbook.Lessons;

/// <summary>What the order consumers log (compiled log messages, no allocation when a level is off).</summary>
internal static partial class OrderConsumerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Group} consuming {Topic}")]
    public static partial void Started(ILogger logger, string group, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Group} committed its offsets and left the group")]
    public static partial void Stopped(ILogger logger, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Group} was disposed while running: stopped without committing")]
    public static partial void Abandoned(ILogger logger, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Group} could not consume: {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, string group, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Group} could not mark {Record} as processed: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string group, string record, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Group} failed on order {OrderId}, attempt {Attempt} of {MaxAttempts}; retrying")]
    public static partial void Retrying(ILogger logger, Exception error, string group, string orderId, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Group} gave up on {Record} after {Attempts} attempt(s); sent to {DeadLetterTopic}")]
    public static partial void DeadLettered(ILogger logger, Exception error, string group, string record, int attempts, string deadLetterTopic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Group} could not commit or close cleanly; uncommitted records will be read again")]
    public static partial void CommitFailed(ILogger logger, Exception error, string group);
}
