using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;
using Workbook.Shop.Orders;
using Workbook.Shop.Resilience;

namespace Workbook.Shop.Api;

/// <summary>
/// Turns request errors into problem details with their own status: a body that is not the JSON the endpoint reads
/// (400 naming the field's path and why, from <see cref="JsonException.Path"/>), any other bad request (bad body, too
/// large), an <c>Idempotency-Key</c> reused for another request (422), an order the money rules refuse, and Redis
/// being unavailable where the endpoint cannot do without it (503 with <c>Retry-After</c>).
/// </summary>
internal sealed class ExceptionProblems(IProblemDetailsService problems, RedisGuard guard) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => Invalid(StatusCodes.Status400BadRequest, Field(json.Path), Reason(json)),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            IdempotencyKeyReusedException reused => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Idempotency-Key reused with a different request",
                Detail = reused.Message,
            },
            OrderRejectedException rejected => Invalid(rejected.Status, rejected.Field, rejected.Message),
            RedisException redis => Unavailable(httpContext, redis),
            _ => null, // the default handler answers 500 with problem details and no stack trace
        };
        if (details is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = details });
    }

    // What cannot be served without Redis (a cart, analytics) is a quick 503 with Retry-After, never a 500 after a long wait.
    private ProblemDetails Unavailable(HttpContext httpContext, RedisException error)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(guard.RetryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Redis unavailable",
            Detail = $"{(error is RedisUnavailableException ? error.Message : "Redis is unavailable.")} Retry after {seconds} s.",
        };
    }

    private static HttpValidationProblemDetails Invalid(int status, string field, string reason) =>
        new(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = status,
            Title = "One or more validation errors occurred.",
        };

    // "$.items[0].quantity" → "items[0].quantity"; the document itself → "body".
    private static string Field(string? path) =>
        path is null || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Reason(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        var reason = cut < 0 ? message : message[..cut];
        if (reason.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            reason = "The value has the wrong JSON type for this field, or is out of its range.";
        }

        return json.LineNumber is { } line && json.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"{reason} (line {line + 1}, byte {position + 1})")
            : reason;
    }
}
