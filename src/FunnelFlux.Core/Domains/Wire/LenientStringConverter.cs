using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>
    /// Reads any JSON value into a string field: strings as themselves, anything else (a number,
    /// a boolean, even an object) as its raw JSON text. Several fields' formats are undocumented
    /// (<c>created_at</c>, IDs); a surprise there must not make a whole answer unreadable.
    /// </summary>
    internal sealed class LenientStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadText(ref reader);

        /// <summary>The value at the reader (not JSON null, which the caller handles) as a text field reads it.</summary>
        internal static string ReadText(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString()!;
            }
            using (JsonDocument value = JsonDocument.ParseValue(ref reader))
            {
                return value.RootElement.GetRawText();
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}
