using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Api;

/// <summary>
/// Rejects bodies larger than <see cref="ShopOptions.MaxRequestBodyBytes"/> with 413: at once when Content-Length says so,
/// and through the server's own limit (Kestrel fails the read) when the body is chunked.
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, IOptions<ShopOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The body has {context.Request.ContentLength} bytes; at most {limit} are accepted.").ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
