using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbook.Contracts;

/// <summary>
/// The JSON every message and queued item uses: snake_case names as in the original Python workbook,
/// so a producer or worker written from the seed reads and writes the same records.
/// </summary>
public static class WorkbookJson
{
    /// <summary>Shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.Strict,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
