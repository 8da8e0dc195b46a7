using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>
    /// Reads one entry of the list answer by hand. A list holds one entry per domain of the
    /// account; read this way a long list costs less than with the generated reader, mostly
    /// because it allocates less (a repeated status and an empty error list are shared between
    /// entries, so fewer objects survive into the garbage collector's older generations). What it
    /// reads is exactly what the generated reader would: the same names (case-sensitive, escapes allowed, the last of a repeated name wins),
    /// any value in a text field (<see cref="LenientStringConverter"/>), and every unknown field
    /// kept in <see cref="DomainSummary.Extra"/>. A wrong shape is a <see cref="JsonException"/>.
    /// </summary>
    internal sealed class DomainSummaryConverter : JsonConverter<DomainSummary>
    {
        // The statuses of a long list are a handful of words: the last one read is handed out
        // again when the next is the same, rather than a new copy per domain. Per thread, since
        // one converter serves every list read at once.
        [ThreadStatic]
        private static string? t_lastStatus;

        [ThreadStatic]
        private static string? t_lastSslStatus;

        public override DomainSummary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"A domain of the list is a JSON {reader.TokenType}, not an object.");
            }
            var summary = new DomainSummary();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("domain"u8)) summary.Domain = NextText(ref reader);
                else if (reader.ValueTextEquals("id"u8)) summary.Id = NextText(ref reader);
                else if (reader.ValueTextEquals("status"u8)) summary.Status = NextWord(ref reader, ref t_lastStatus);
                else if (reader.ValueTextEquals("ssl_status"u8)) summary.SslStatus = NextWord(ref reader, ref t_lastSslStatus);
                else if (reader.ValueTextEquals("created_at"u8)) summary.CreatedAt = NextText(ref reader);
                else if (reader.ValueTextEquals("cloudflare_id"u8)) summary.CloudflareId = NextText(ref reader);
                else if (reader.ValueTextEquals("verification_errors"u8)) summary.VerificationErrors = NextTexts(ref reader);
                else
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    (summary.Extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
                }
            }
            // The reader hands over whole values only, so after the last field comes the object's end.
            return summary;
        }

        public override void Write(Utf8JsonWriter writer, DomainSummary value, JsonSerializerOptions options) =>
            throw new NotSupportedException("A domain of the list answer is only ever read.");

        private static string? NextText(ref Utf8JsonReader reader)
        {
            reader.Read();
            return reader.TokenType == JsonTokenType.Null ? null : LenientStringConverter.ReadText(ref reader);
        }

        /// <summary>A text field whose value is often the same as last time (<paramref name="last"/>).</summary>
        private static string? NextWord(ref Utf8JsonReader reader, ref string? last)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            if (reader.TokenType == JsonTokenType.String && last != null && reader.ValueTextEquals(last))
            {
                return last;
            }
            return last = LenientStringConverter.ReadText(ref reader);
        }

        /// <summary>null, or an array of texts (each null or any value, as a text field takes).</summary>
        private static string?[]? NextTexts(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"\"verification_errors\" is a JSON {reader.TokenType}, not an array.");
            }
            List<string?>? texts = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                (texts ??= new List<string?>()).Add(reader.TokenType == JsonTokenType.Null ? null : LenientStringConverter.ReadText(ref reader));
            }
            // Most domains have no errors: one shared empty array for all of them.
            return texts?.ToArray() ?? Array.Empty<string?>();
        }
    }
}
