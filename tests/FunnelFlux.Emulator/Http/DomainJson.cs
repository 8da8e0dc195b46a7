using System.Globalization;
using System.Text.Json.Nodes;

namespace FunnelFlux.Emulator;

/// <summary>The wire shapes of the Domains API (DomainSummary, DomainInfo, CheckDomainResponse).</summary>
internal static class DomainJson
{
    public static JsonObject Summary(EmulatedDomain d) => new()
    {
        ["id"] = d.Id,
        ["domain"] = d.Domain,
        ["cloudflare_id"] = d.CloudflareId,
        ["status"] = d.Status,
        ["ssl_status"] = d.SslStatus,
        ["verification_errors"] = Strings(d.VerificationErrors),
        ["created_at"] = Timestamp(d.CreatedAt),
    };

    public static JsonObject Info(EmulatedDomain d) => new()
    {
        ["id"] = d.Id,
        ["domain"] = d.Domain,
        ["owner"] = d.Owner,
        ["created_at"] = Timestamp(d.CreatedAt),
        ["cloudflare_id"] = d.CloudflareId,
        ["status"] = d.Status,
        ["ssl"] = new JsonObject
        {
            ["status"] = d.SslStatus,
            ["txt_name"] = d.TxtName,
            ["txt_value"] = d.TxtValue,
        },
        ["ownership_verification"] = new JsonObject
        {
            ["type"] = d.OwnershipType,
            ["name"] = d.OwnershipName,
            ["value"] = d.OwnershipValue,
        },
        ["verification_errors"] = Strings(d.VerificationErrors),
        ["parsed"] = new JsonObject
        {
            ["subdomain"] = d.Subdomain,
            ["root_domain"] = d.RootDomain,
        },
    };

    /// <summary>
    /// The outcome of the redirect/TLS check. <paramref name="domain"/> is null for a hostname this
    /// account does not hold; strings that do not apply are sent as null.
    /// </summary>
    public static JsonObject Check(string hostname, EmulatedDomain? domain, DateTimeOffset now)
    {
        bool active = domain?.IsActive == true;
        string? sslError = null;
        string? error = null;
        if (domain is null)
        {
            error = $"{hostname} is not a FunnelFlux custom domain of this account";
        }
        else if (!active)
        {
            sslError = $"TLS handshake failed: no certificate issued yet for {hostname} (SSL {domain.SslStatus})";
            error = $"{hostname} does not route to FunnelFlux yet: add the DNS records and wait for Cloudflare to validate them";
        }

        return new JsonObject
        {
            ["success"] = true,
            ["found"] = active,
            ["ssl_valid"] = active,
            ["http_status"] = active ? 200 : 0,
            ["ssl_error"] = sslError,
            ["response_time_ms"] = active ? 42L : domain is null ? 0L : 1500L,
            ["error_message"] = error,
            ["check_timestamp"] = now.ToUnixTimeSeconds(),
            ["cloudflare_status"] = domain?.Status,
            ["cloudflare_ssl_status"] = domain?.SslStatus,
        };
    }

    // ISO 8601 in UTC, second precision, as Go's RFC 3339 formatting would write it.
    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
