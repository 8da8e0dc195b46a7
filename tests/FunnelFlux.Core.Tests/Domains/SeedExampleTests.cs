using System.Text;
using FunnelFlux.Domains;
using FunnelFlux.Domains.Wire;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>Every example answer of the API reference reads and maps with every field.</summary>
public class SeedExampleTests
{
    [Fact]
    public void ListAnswerMapsEveryField()
    {
        ListDomainsResponse response = DomainJson.DeserializeListDomains(SeedJson.ListDomains);
        Assert.True(response.Succeeded);
        Assert.Equal("error_code", response.ErrorCode);
        Assert.Equal("error_message", response.ErrorMessage);
        Assert.Null(response.Extra);

        DomainSummary summary = Assert.Single(response.Domains!)!;
        Domain domain = DomainMapper.FromSummary(summary);
        Assert.Equal("domain", domain.Name);
        Assert.Equal("id", domain.Id);
        Assert.Equal("cloudflare_id", domain.CloudflareId);
        Assert.Equal("status", domain.Status);
        Assert.Equal("ssl_status", domain.SslStatus);
        Assert.Equal(new[] { "string" }, domain.VerificationErrors);
        Assert.Equal("created_at", domain.CreatedAtText);
        Assert.Null(domain.CreatedAt);
        Assert.False(domain.IsDetailed);
        Assert.False(domain.IsReady);
        Assert.Empty(domain.DnsRecords);
        Assert.Null(domain.Owner);
        Assert.Null(domain.LastCheck);
        Assert.Null(domain.Message);
        Assert.Empty(domain.AdditionalProperties);
        Assert.Equal("domain", domain.ToString());
    }

    [Theory]
    [InlineData(SeedJson.CreateDomain, "message")]
    [InlineData(SeedJson.GetDomain, null)]
    public void CreateAndDetailsAnswersMapEveryField(string json, string? message)
    {
        DomainResponse response = DomainJson.DeserializeDomain(json);
        Assert.True(response.Succeeded);
        Assert.Equal("error_code", response.ErrorCode);
        Assert.Equal("error_message", response.ErrorMessage);
        Assert.Equal(message, response.Message);

        Domain domain = DomainMapper.FromInfo(response.Domain!, response.Message, null);
        AssertSeedDomainInfo(domain);
        Assert.Equal(message, domain.Message);
        Assert.Null(domain.LastCheck);
    }

    [Fact]
    public void CheckAnswerMapsEveryField()
    {
        CheckDomainResponse response = DomainJson.DeserializeCheckDomain(SeedJson.CheckDomain);
        DomainCheck check = DomainMapper.FromCheck(response, "track.example.com");
        AssertSeedCheck(check, "track.example.com");
    }

    [Fact]
    public void DeleteAnswerReads()
    {
        DeleteDomainResponse response = DomainJson.DeserializeDeleteDomain(SeedJson.DeleteDomain);
        Assert.True(response.Succeeded);
        Assert.Equal("message", response.Message);
        Assert.Equal("error_code", response.ErrorCode);
        Assert.Equal("error_message", response.ErrorMessage);
    }

    [Fact]
    public void RefreshAnswerMapsDomainAndCheck()
    {
        RefreshDomainResponse response = DomainJson.DeserializeRefreshDomain(SeedJson.RefreshDomain);
        Assert.True(response.Succeeded);
        DomainCheck check = DomainMapper.FromCheck(response.Check!, response.Domain!.Domain!);
        Domain domain = DomainMapper.FromInfo(response.Domain, null, check);

        AssertSeedDomainInfo(domain);
        Assert.Same(check, domain.LastCheck);
        AssertSeedCheck(domain.LastCheck!, "domain");
    }

    private static void AssertSeedDomainInfo(Domain domain)
    {
        Assert.Equal("domain", domain.Name);
        Assert.Equal("id", domain.Id);
        Assert.Equal("owner", domain.Owner);
        Assert.Equal("created_at", domain.CreatedAtText);
        Assert.Null(domain.CreatedAt);
        Assert.Equal("cloudflare_id", domain.CloudflareId);
        Assert.Equal("pending", domain.Status);
        Assert.Equal("status", domain.SslStatus);
        Assert.Equal(new[] { "string" }, domain.VerificationErrors);
        Assert.Equal("subdomain", domain.Subdomain);
        Assert.Equal("root_domain", domain.RootDomain);
        Assert.True(domain.IsDetailed);
        Assert.False(domain.IsReady);
        Assert.Empty(domain.AdditionalProperties);

        Assert.Collection(domain.DnsRecords,
            ssl =>
            {
                Assert.Equal("TXT", ssl.Type);
                Assert.Equal("txt_name", ssl.Name);
                Assert.Equal("txt_value", ssl.Value);
                Assert.Equal("SSL certificate validation", ssl.Purpose);
                Assert.Equal("domain", ssl.Domain);
                Assert.Equal("TXT txt_name txt_value", ssl.ToString());
            },
            ownership =>
            {
                Assert.Equal("TYPE", ownership.Type);
                Assert.Equal("name", ownership.Name);
                Assert.Equal("value", ownership.Value);
                Assert.Equal("Ownership verification", ownership.Purpose);
                Assert.Equal("domain", ownership.Domain);
            });
    }

    private static void AssertSeedCheck(DomainCheck check, string domain)
    {
        Assert.Equal(domain, check.Domain);
        Assert.True(check.Success);
        Assert.True(check.Found);
        Assert.True(check.SslValid);
        Assert.Equal(0, check.HttpStatus);
        Assert.Equal("ssl_error", check.SslError);
        Assert.Equal(TimeSpan.Zero, check.ResponseTime);
        Assert.Equal("error_message", check.ErrorMessage);
        // The example's check_timestamp is 0, which the mapper reads as "not set".
        Assert.Null(check.CheckedAt);
        Assert.Equal("cloudflare_status", check.CloudflareStatus);
        Assert.Equal("cloudflare_ssl_status", check.CloudflareSslStatus);
        Assert.False(check.IsReady);
        Assert.Empty(check.AdditionalProperties);
        Assert.Equal(domain, check.ToString());
    }
}
