using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbook.Shop.Api;

/// <summary>
/// Text the shop takes in holds no control characters (Unicode category Cc: U+0000–U+001F and U+007F–U+009F, so NUL,
/// tab, newlines and the ESC of ANSI sequences): they end up in logs, e-mails, dashboards and terminals.
/// </summary>
internal static class TextRules
{
    public const string ControlCharacterReason = "must not contain control characters (U+0000 to U+001F, U+007F to U+009F: NUL, tab, newlines, ESC…).";

    public static bool HasControlCharacters(string text) => text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F');
}

/// <summary>
/// Reads every JSON string of a request body through <see cref="TextRules"/>: one with a control character fails to
/// bind, and the JSON error handler answers 400 naming its path (e.g. <c>items[0].product_id</c>).
/// </summary>
internal sealed class ControlFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && TextRules.HasControlCharacters(text)
            ? throw new JsonException("The text " + TextRules.ControlCharacterReason)
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>
/// Gives strings their <c>"type": "string"</c> back in the OpenAPI document: a custom converter (here
/// <see cref="ControlFreeStringConverter"/>) makes the schema generator leave the type open.
/// </summary>
internal sealed class StringSchemaTransformer : Microsoft.AspNetCore.OpenApi.IOpenApiSchemaTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiSchema schema, Microsoft.AspNetCore.OpenApi.OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = context.JsonPropertyInfo is { IsSetNullable: false }
                ? Microsoft.OpenApi.JsonSchemaType.String
                : Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }
}
