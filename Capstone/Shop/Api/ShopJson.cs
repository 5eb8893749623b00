using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbook.Shop.Api;

/// <summary>The API speaks the workbook's JSON (snake_case, strict numbers), the same as its Kafka records.</summary>
internal static class ShopJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new ControlFreeStringConverter());
    }
}
