namespace FunnelFlux.Core.Tests.Domains;

/// <summary>The example answers of the Domains API reference (seeds/001), verbatim.</summary>
internal static class SeedJson
{
    public const string ListDomains =
        """{ "success": true, "domains": [ { "id": "id", "domain": "domain", "cloudflare_id": "cloudflare_id", "status": "status", "ssl_status": "ssl_status", "verification_errors": [ "string" ], "created_at": "created_at" } ], "error_code": "error_code", "error_message": "error_message" }""";

    public const string CreateDomain =
        """{ "success": true, "domain": { "id": "id", "domain": "domain", "owner": "owner", "created_at": "created_at", "cloudflare_id": "cloudflare_id", "status": "pending", "ssl": { "status": "status", "txt_name": "txt_name", "txt_value": "txt_value" }, "ownership_verification": { "type": "type", "name": "name", "value": "value" }, "verification_errors": [ "string" ], "parsed": { "subdomain": "subdomain", "root_domain": "root_domain" } }, "error_code": "error_code", "error_message": "error_message", "message": "message" }""";

    public const string GetDomain =
        """{ "success": true, "domain": { "id": "id", "domain": "domain", "owner": "owner", "created_at": "created_at", "cloudflare_id": "cloudflare_id", "status": "pending", "ssl": { "status": "status", "txt_name": "txt_name", "txt_value": "txt_value" }, "ownership_verification": { "type": "type", "name": "name", "value": "value" }, "verification_errors": [ "string" ], "parsed": { "subdomain": "subdomain", "root_domain": "root_domain" } }, "error_code": "error_code", "error_message": "error_message" }""";

    public const string CheckDomain =
        """{ "success": true, "found": true, "http_status": 0, "ssl_valid": true, "ssl_error": "ssl_error", "response_time_ms": 0, "error_message": "error_message", "check_timestamp": 0, "cloudflare_status": "cloudflare_status", "cloudflare_ssl_status": "cloudflare_ssl_status" }""";

    public const string DeleteDomain =
        """{ "success": true, "message": "message", "error_code": "error_code", "error_message": "error_message" }""";

    public const string RefreshDomain =
        """{ "success": true, "domain": { "id": "id", "domain": "domain", "owner": "owner", "created_at": "created_at", "cloudflare_id": "cloudflare_id", "status": "pending", "ssl": { "status": "status", "txt_name": "txt_name", "txt_value": "txt_value" }, "ownership_verification": { "type": "type", "name": "name", "value": "value" }, "verification_errors": [ "string" ], "parsed": { "subdomain": "subdomain", "root_domain": "root_domain" } }, "check": { "success": true, "found": true, "http_status": 0, "ssl_valid": true, "ssl_error": "ssl_error", "response_time_ms": 0, "error_message": "error_message", "check_timestamp": 0, "cloudflare_status": "cloudflare_status", "cloudflare_ssl_status": "cloudflare_ssl_status" } }""";
}
