using System.Text.Json.Nodes;

namespace FunnelFlux.Emulator;

/// <summary>The six /v1/billing/domains operations, for an already authenticated account.</summary>
internal sealed class DomainEndpoints(EmulatorOptions options, DomainRegistry domains)
{
    public ApiResult List(EmulatorAccount account) => Envelopes.Ok(new JsonObject
    {
        ["success"] = true,
        ["domains"] = new JsonArray(domains.List(account).Select(d => (JsonNode?)DomainJson.Summary(d)).ToArray()),
    });

    public ApiResult Create(EmulatorAccount account, string? body)
    {
        if (!TryDomainFromBody(body, out string hostname, out ApiResult? invalid))
        {
            return invalid!;
        }

        CreateOutcome outcome = domains.Create(account, hostname);
        return outcome.Status switch
        {
            CreateStatus.ExistsInAccount => Envelopes.Failure(409, "DOMAIN_EXISTS", $"{hostname} is already one of your domains"),
            CreateStatus.OwnedByOtherAccount => Envelopes.Failure(409, "DOMAIN_ALREADY_OWNED", $"{hostname} is registered to another FunnelFlux account"),
            _ => Envelopes.Ok(new JsonObject
            {
                ["success"] = true,
                ["domain"] = DomainJson.Info(outcome.Domain!),
                ["message"] = "Domain added. Create the DNS records below.",
            }),
        };
    }

    /// <summary>Reports on the hostname without changing anything.</summary>
    public ApiResult Check(EmulatorAccount account, string? body)
    {
        if (!TryDomainFromBody(body, out string hostname, out ApiResult? invalid))
        {
            return invalid!;
        }

        return Envelopes.Ok(DomainJson.Check(hostname, domains.Get(account, hostname), Now));
    }

    public ApiResult Get(EmulatorAccount account, string pathSegment)
    {
        if (!Hostnames.TryNormalize(pathSegment, out string hostname))
        {
            return Envelopes.InvalidDomain(pathSegment);
        }

        EmulatedDomain? domain = domains.Get(account, hostname);
        return domain is null
            ? NotFound(hostname)
            : Envelopes.Ok(new JsonObject { ["success"] = true, ["domain"] = DomainJson.Info(domain) });
    }

    public ApiResult Delete(EmulatorAccount account, string pathSegment)
    {
        if (!Hostnames.TryNormalize(pathSegment, out string hostname))
        {
            return Envelopes.InvalidDomain(pathSegment);
        }

        return domains.Delete(account, hostname)
            ? Envelopes.Ok(new JsonObject { ["success"] = true, ["message"] = "Domain deleted" })
            : NotFound(hostname);
    }

    public ApiResult Refresh(EmulatorAccount account, string pathSegment)
    {
        if (!Hostnames.TryNormalize(pathSegment, out string hostname))
        {
            return Envelopes.InvalidDomain(pathSegment);
        }

        EmulatedDomain? domain = domains.Refresh(account, hostname);
        return domain is null
            ? NotFound(hostname)
            : Envelopes.Ok(new JsonObject
            {
                ["success"] = true,
                ["domain"] = DomainJson.Info(domain),
                ["check"] = DomainJson.Check(hostname, domain, Now),
            });
    }

    private DateTimeOffset Now => options.ServerNow;

    private static ApiResult NotFound(string hostname) => Envelopes.NotFound($"Domain {hostname} not found");

    private static bool TryDomainFromBody(string? body, out string hostname, out ApiResult? invalid)
    {
        hostname = string.Empty;
        invalid = null;
        if (!JsonBodies.TryReadString(body, "domain", out string? raw))
        {
            invalid = Envelopes.Failure(400, "INVALID_REQUEST", "The request body is not a JSON object");
            return false;
        }

        if (!Hostnames.TryNormalize(raw, out hostname))
        {
            invalid = Envelopes.InvalidDomain(raw);
            return false;
        }

        return true;
    }
}
