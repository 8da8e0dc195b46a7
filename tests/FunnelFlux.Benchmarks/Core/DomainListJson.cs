using System.Globalization;
using System.Text.Json;

namespace FunnelFlux.Benchmarks.Core;

/// <summary>
/// A list answer of the Domains API with <c>count</c> domains, shaped like the emulator's (every
/// DomainSummary field, an ISO 8601 created_at, some verification errors), as UTF-8 bytes.
/// </summary>
public static class DomainListJson
{
    public static byte[] Create(int count)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", true);
            writer.WriteStartArray("domains");
            var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (int i = 0; i < count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", Guid(i, 1));
                writer.WriteString("domain", $"bench-{i:00000}.example.com");
                writer.WriteString("cloudflare_id", Guid(i, 2));
                bool pending = i % 3 == 0;
                writer.WriteString("status", pending ? "pending" : "active");
                writer.WriteString("ssl_status", pending ? "pending_validation" : "active");
                writer.WriteStartArray("verification_errors");
                if (i % 10 == 0)
                {
                    writer.WriteStringValue("custom hostname does not CNAME to this zone");
                }
                writer.WriteEndArray();
                writer.WriteString("created_at", created.AddMinutes(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    // Stable, distinct GUID-shaped ids, so every run parses the same bytes.
    private static string Guid(int index, int kind)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), index);
        bytes[4] = (byte)kind;
        return new System.Guid(bytes).ToString();
    }
}
