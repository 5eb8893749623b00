using Microsoft.AspNetCore.Diagnostics;

namespace Workbook.Shop.Api;

/// <summary>Turns request errors raised by the framework (bad JSON, body too large) into problem details with their own status.</summary>
internal sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false; // the default handler answers 500 with problem details and no stack trace
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        });
    }
}
