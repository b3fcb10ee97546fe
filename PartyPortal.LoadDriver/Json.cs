using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartyPortal.LoadDriver;

/// <summary>The API's JSON: web defaults with enums as camelCase strings.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
