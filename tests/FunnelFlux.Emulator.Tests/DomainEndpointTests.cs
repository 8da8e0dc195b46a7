using System.Globalization;
using System.Text.Json;

namespace FunnelFlux.Emulator.Tests;

public sealed class DomainEndpointTests : EmulatorTest
{
    private static readonly string[] DomainInfoFields = Sorted(
        "id", "domain", "owner", "created_at", "cloudflare_id", "status", "ssl", "ownership_verification", "verification_errors", "parsed");

    private static readonly string[] CheckFields = Sorted(
        "success", "found", "ssl_valid", "http_status", "ssl_error", "response_time_ms", "error_message", "check_timestamp", "cloudflare_status", "cloudflare_ssl_status");

    [Fact]
    public async Task CreateAnswersTheDocumentedShape()
    {
        ApiCall call = await CreateDomainAsync("Track.Example.com");

        Assert.Equal(200, call.Status);
        Assert.Equal(Sorted("success", "domain", "message"), PropertyNames(call.Json));
        Assert.True(call.Json.GetProperty("success").GetBoolean());
        Assert.Equal("Domain added. Create the DNS records below.", call.Json.GetProperty("message").GetString());

        JsonElement d = call.Json.GetProperty("domain");
        Assert.Equal(DomainInfoFields, PropertyNames(d));
        Assert.Equal("track.example.com", d.GetProperty("domain").GetString());
        Assert.Equal("demo", d.GetProperty("owner").GetString());
        Assert.Equal("pending", d.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(d.GetProperty("id").GetString()));
        Assert.False(string.IsNullOrEmpty(d.GetProperty("cloudflare_id").GetString()));
        DateTimeOffset created = DateTimeOffset.Parse(d.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.True((Server.Clock.GetUtcNow() - created).Duration() < TimeSpan.FromSeconds(1));

        JsonElement ssl = d.GetProperty("ssl");
        Assert.Equal(Sorted("status", "txt_name", "txt_value"), PropertyNames(ssl));
        Assert.Equal("pending_validation", ssl.GetProperty("status").GetString());
        Assert.Equal("_acme-challenge.track.example.com", ssl.GetProperty("txt_name").GetString());
        Assert.False(string.IsNullOrEmpty(ssl.GetProperty("txt_value").GetString()));

        JsonElement ownership = d.GetProperty("ownership_verification");
        Assert.Equal(Sorted("type", "name", "value"), PropertyNames(ownership));
        Assert.Equal("txt", ownership.GetProperty("type").GetString());
        Assert.Equal("_cf-custom-hostname.track.example.com", ownership.GetProperty("name").GetString());
        Assert.True(Guid.TryParse(ownership.GetProperty("value").GetString(), out _));

        Assert.Equal(JsonValueKind.Array, d.GetProperty("verification_errors").ValueKind);
        JsonElement parsed = d.GetProperty("parsed");
        Assert.Equal("track", parsed.GetProperty("subdomain").GetString());
        Assert.Equal("example.com", parsed.GetProperty("root_domain").GetString());
    }

    [Fact]
    public async Task CreatingTwiceInTheSameAccountIsDomainExists()
    {
        await CreateDomainAsync("track.example.com");

        ApiCall call = await CreateDomainAsync("TRACK.example.com");

        Assert.Equal(409, call.Status);
        Assert.False(call.Json.GetProperty("success").GetBoolean());
        Assert.Equal("DOMAIN_EXISTS", call.Json.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(call.Json.GetProperty("error_message").GetString()));
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"domain\":\"\"}")]
    [InlineData("{\"domain\":\"no spaces.example.com\"}")]
    [InlineData("{\"domain\":\"a/b.example.com\"}")]
    [InlineData("{\"domain\":\"localhost\"}")]
    [InlineData("{\"domain\":\"bad..example.com\"}")]
    public async Task InvalidDomainIs400(string body)
    {
        ApiCall call = await PostAsync("/billing/domains", DemoToken, body);

        Assert.Equal(400, call.Status);
        Assert.Equal("INVALID_DOMAIN", call.Json.GetProperty("error_code").GetString());
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task ListAnswersSummaries()
    {
        await CreateDomainAsync("a.example.com");
        await CreateDomainAsync("b.example.org");

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.Equal(Sorted("success", "domains"), PropertyNames(call.Json));
        JsonElement[] domains = call.Json.GetProperty("domains").EnumerateArray().ToArray();
        Assert.Equal(2, domains.Length);
        Assert.Equal(
            Sorted("id", "domain", "cloudflare_id", "status", "ssl_status", "verification_errors", "created_at"),
            PropertyNames(domains[0]));
        Assert.Equal(new[] { "a.example.com", "b.example.org" }, domains.Select(d => d.GetProperty("domain").GetString()).Order());
        Assert.Equal("pending_validation", domains[0].GetProperty("ssl_status").GetString());
    }

    [Fact]
    public async Task EmptyListIsAnEmptyArray()
    {
        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(0, call.Json.GetProperty("domains").GetArrayLength());
    }

    [Fact]
    public async Task GetAnswersDomainInfo()
    {
        await CreateDomainAsync("track.example.com");

        ApiCall call = await GetAsync("/billing/domains/track.example.com", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.Equal(Sorted("success", "domain"), PropertyNames(call.Json));
        Assert.Equal(DomainInfoFields, PropertyNames(call.Json.GetProperty("domain")));
    }

    [Theory]
    [InlineData("/v1/billing/domains/TRACK.Example.COM", 200)]
    [InlineData("/v1/billing/domains/track%2Eexample%2Ecom", 200)]
    [InlineData("/v1/billing/domains/%74rack.example.com", 200)]
    [InlineData("/v1/billing/domains/track%252Eexample.com", 400)]
    [InlineData("/v1/billing/domains/track.example.com%2Frefresh", 400)]
    public async Task PathDomainIsUnescapedExactlyOnceAndCaseInsensitive(string rawPath, int expected)
    {
        await CreateDomainAsync("track.example.com");

        (int status, string body) = await RawHttp.GetAsync(Server.BaseUri, rawPath, DemoToken);

        Assert.Equal(expected, status);
        Assert.Contains(expected == 200 ? "\"domain\":\"track.example.com\"" : "INVALID_DOMAIN", body);
    }

    [Fact]
    public async Task GetOfAnUnknownDomainIs404()
    {
        ApiCall call = await GetAsync("/billing/domains/nothing.example.com", DemoToken);

        Assert.Equal(404, call.Status);
        Assert.Equal("NOT_FOUND", call.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task DeleteRemovesTheDomain()
    {
        await CreateDomainAsync("track.example.com");

        ApiCall call = await DeleteAsync("/billing/domains/track.example.com", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.Equal(Sorted("success", "message"), PropertyNames(call.Json));
        Assert.Equal("Domain deleted", call.Json.GetProperty("message").GetString());
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal(404, (await DeleteAsync("/billing/domains/track.example.com", DemoToken)).Status);
        Assert.Equal(200, (await CreateDomainAsync("track.example.com")).Status);
    }

    [Fact]
    public async Task RefreshAnswersDomainAndCheck()
    {
        await CreateDomainAsync("track.example.com");

        ApiCall call = await PostAsync("/billing/domains/track.example.com/refresh", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.Equal(Sorted("success", "domain", "check"), PropertyNames(call.Json));
        Assert.Equal(DomainInfoFields, PropertyNames(call.Json.GetProperty("domain")));
        Assert.Equal(CheckFields, PropertyNames(call.Json.GetProperty("check")));
        Assert.Equal(1, Server.DomainsOf(Server.DemoAccount)[0].RefreshCount);
    }

    [Fact]
    public async Task RefreshOfAnUnknownDomainIs404()
    {
        ApiCall call = await PostAsync("/billing/domains/nothing.example.com/refresh", DemoToken);

        Assert.Equal(404, call.Status);
        Assert.Equal("NOT_FOUND", call.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task CheckOfAPendingDomainIsNotFoundWithReasons()
    {
        await CreateDomainAsync("track.example.com");

        ApiCall call = await PostAsync("/billing/domains/check", DemoToken, "{\"domain\":\"track.example.com\"}");

        Assert.Equal(200, call.Status);
        JsonElement c = call.Json;
        Assert.Equal(CheckFields, PropertyNames(c));
        Assert.True(c.GetProperty("success").GetBoolean());
        Assert.False(c.GetProperty("found").GetBoolean());
        Assert.False(c.GetProperty("ssl_valid").GetBoolean());
        Assert.False(string.IsNullOrEmpty(c.GetProperty("ssl_error").GetString()));
        Assert.False(string.IsNullOrEmpty(c.GetProperty("error_message").GetString()));
        Assert.Equal("pending", c.GetProperty("cloudflare_status").GetString());
        Assert.Equal("pending_validation", c.GetProperty("cloudflare_ssl_status").GetString());
        Assert.Equal(Server.Clock.GetUtcNow().ToUnixTimeSeconds(), c.GetProperty("check_timestamp").GetInt64());
        Assert.Equal(0, Server.DomainsOf(Server.DemoAccount)[0].RefreshCount);
    }

    [Fact]
    public async Task CheckOfAnActiveDomainIsFound()
    {
        Server.AddDomain(Server.DemoAccount, "live.example.com", active: true);

        ApiCall call = await PostAsync("/billing/domains/check", DemoToken, "{\"domain\":\"live.example.com\"}");

        JsonElement c = call.Json;
        Assert.True(c.GetProperty("found").GetBoolean());
        Assert.True(c.GetProperty("ssl_valid").GetBoolean());
        Assert.Equal(200, c.GetProperty("http_status").GetInt32());
        Assert.Equal("active", c.GetProperty("cloudflare_status").GetString());
        Assert.Equal("active", c.GetProperty("cloudflare_ssl_status").GetString());
        Assert.True(c.GetProperty("response_time_ms").GetInt64() > 0);
    }

    [Fact]
    public async Task CheckOfAnUnregisteredDomainSucceedsWithFoundFalse()
    {
        ApiCall call = await PostAsync("/billing/domains/check", DemoToken, "{\"domain\":\"nobody.example.com\"}");

        Assert.Equal(200, call.Status);
        Assert.True(call.Json.GetProperty("success").GetBoolean());
        Assert.False(call.Json.GetProperty("found").GetBoolean());
        Assert.False(string.IsNullOrEmpty(call.Json.GetProperty("error_message").GetString()));
    }

    [Fact]
    public async Task CheckWithoutADomainIs400()
    {
        Assert.Equal(400, (await PostAsync("/billing/domains/check", DemoToken, "{}")).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("unknown-token")]
    public async Task DomainsNeedAKnownToken(string? token)
    {
        ApiCall call = await GetAsync("/billing/domains", token);

        Assert.Equal(401, call.Status);
        Assert.False(call.Json.GetProperty("success").GetBoolean());
        Assert.Equal("UNAUTHORIZED", call.Json.GetProperty("error_code").GetString());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    public async Task ExpiredTokenAnswersTheConfiguredStatus(int status)
    {
        Server.Options.ExpiredTokenStatus = status;
        Server.ExpireAccessToken(DemoToken);

        ApiCall call = await CreateDomainAsync("track.example.com");

        Assert.Equal(status, call.Status);
        Assert.Equal("TOKEN_EXPIRED", call.Json.GetProperty("error_code").GetString());
        Assert.Equal("Access token has expired", call.Json.GetProperty("error_message").GetString());
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task UnknownPathIs404()
    {
        ApiCall call = await GetAsync("/ledger/funnels", DemoToken);

        Assert.Equal(404, call.Status);
        Assert.Equal("NOT_FOUND", call.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task AddDomainSeedsStateDirectly()
    {
        Server.AddDomain(Server.DemoAccount, "Seeded.Example.com");

        var domain = Assert.Single(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal("seeded.example.com", domain.Domain);
        Assert.Equal("pending", domain.Status);
        Assert.Throws<InvalidOperationException>(() => Server.AddDomain(Server.DemoAccount, "seeded.example.com"));
        Assert.Throws<ArgumentException>(() => Server.AddDomain(Server.DemoAccount, "not a domain"));
        Assert.Empty(Server.Requests);
    }
}
