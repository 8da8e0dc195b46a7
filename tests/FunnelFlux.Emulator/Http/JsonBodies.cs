using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunnelFlux.Emulator;

/// <summary>Lenient reading of small JSON request bodies: a missing or malformed body reads as "no field".</summary>
internal static class JsonBodies
{
    /// <summary>The string value of a top-level field; false when the body is not a JSON object.</summary>
    public static bool TryReadString(string? body, string field, out string? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return true;
        }

        try
        {
            if (JsonNode.Parse(body) is not JsonObject obj)
            {
                return false;
            }

            if (obj[field] is JsonValue node && node.TryGetValue(out string? text))
            {
                value = text;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
