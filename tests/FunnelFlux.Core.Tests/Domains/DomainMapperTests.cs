using FunnelFlux.Domains;
using FunnelFlux.Domains.Wire;

namespace FunnelFlux.Core.Tests.Domains;

public class DomainMapperTests
{
    [Theory]
    [InlineData("2025-11-23T10:15:30Z", "2025-11-23T10:15:30+00:00")]
    [InlineData("2025-11-23T10:15:30.123Z", "2025-11-23T10:15:30.123+00:00")]
    [InlineData("2025-11-23T10:15:30.123456789Z", "2025-11-23T10:15:30.1234567+00:00")]
    [InlineData("2025-11-23T10:15:30+02:00", "2025-11-23T10:15:30+02:00")]
    [InlineData("2025-11-23T10:15:30-0530", "2025-11-23T10:15:30-05:30")]
    [InlineData("2025-11-23t10:15:30z", "2025-11-23T10:15:30+00:00")]
    [InlineData("2025-11-23 10:15:30", "2025-11-23T10:15:30+00:00")]
    [InlineData("2025-11-23 10:15:30.5 +0000 UTC", "2025-11-23T10:15:30.5+00:00")]
    [InlineData("2025-11-23T10:15", "2025-11-23T10:15:00+00:00")]
    [InlineData("2025-11-23", "2025-11-23T00:00:00+00:00")]
    [InlineData("1763892930", "2025-11-23T10:15:30+00:00")]
    [InlineData("1763892930123", "2025-11-23T10:15:30.123+00:00")]
    [InlineData("1763892930.5", "2025-11-23T10:15:30.5+00:00")]
    public void CreatedAtIsParsedFromCommonFormats(string text, string expected)
    {
        Domain domain = DomainMapper.FromSummary(new DomainSummary { Domain = "a.example", CreatedAt = text });
        // A time that was read keeps no copy of its text, and shows none as an additional property.
        Assert.Null(domain.CreatedAtText);
        Assert.False(domain.GetAdditionalProperties().ContainsKey("created_at"));
        DateTimeOffset parsed = Assert.NotNull(domain.CreatedAt);
        DateTimeOffset want = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(want, parsed);
        Assert.Equal(want.Offset, parsed.Offset);
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("yesterday")]
    [InlineData("23/11/2025")]
    [InlineData("2025-13-45T10:15:30Z")]
    [InlineData("2025-11-23T10:15:30 CET")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("99999999999999999999999")]
    public void UnreadableCreatedAtKeepsTheText(string text)
    {
        Domain domain = DomainMapper.FromInfo(new DomainInfo { Domain = "a.example", CreatedAt = text }, null, null);
        Domain listed = DomainMapper.FromSummary(new DomainSummary { Domain = "a.example", CreatedAt = text });
        Assert.Null(domain.CreatedAt);
        Assert.Equal(text, domain.CreatedAtText);
        Assert.Null(listed.CreatedAt);
        Assert.Equal(text, listed.CreatedAtText);
    }

    [Theory]
    [InlineData(1763892930d, 1763892930000L)]
    [InlineData(1763892930123d, 1763892930123L)]
    [InlineData(100000000000d, 100000000000000L)]
    [InlineData(100000000001d, 100000000001L)]
    public void CheckTimestampIsSecondsOrMilliseconds(double value, long expectedUnixMs)
    {
        DomainCheck check = DomainMapper.FromCheck(new CheckDomainResponse { CheckTimestamp = value }, "a.example");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedUnixMs), check.CheckedAt);
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(-5d)]
    [InlineData(1e300)]
    public void MeaninglessCheckTimestampsAreNull(double value)
    {
        Assert.Null(DomainMapper.FromCheck(new CheckDomainResponse { CheckTimestamp = value }, "a.example").CheckedAt);
    }

    [Theory]
    [InlineData("active", "active", true)]
    [InlineData("Active", "ACTIVE", true)]
    [InlineData("active", "pending_validation", false)]
    [InlineData("pending", "active", false)]
    [InlineData(null, null, false)]
    [InlineData("", "", false)]
    public void SummaryIsReadyWhenHostnameAndCertificateAreActive(string? status, string? sslStatus, bool ready)
    {
        Domain domain = DomainMapper.FromSummary(new DomainSummary { Domain = "a.example", Status = status, SslStatus = sslStatus });
        Assert.Equal(ready, domain.IsReady);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    public void DetailsWithACheckAlsoNeedTheCheckToPass(bool found, bool sslValid, bool ready)
    {
        DomainCheck check = DomainMapper.FromCheck(new CheckDomainResponse { Found = found, SslValid = sslValid }, "a.example");
        var info = new DomainInfo { Domain = "a.example", Status = "active", Ssl = new SslValidation { Status = "active" } };
        Assert.Equal(ready, DomainMapper.FromInfo(info, null, check).IsReady);
        Assert.True(DomainMapper.FromInfo(info, null, null).IsReady);
    }

    [Fact]
    public void DetailsFallBackToTopLevelSslStatus()
    {
        var info = new DomainInfo { Domain = "a.example", Status = "active", SslStatus = "active" };
        Domain domain = DomainMapper.FromInfo(info, null, null);
        Assert.Equal("active", domain.SslStatus);
        Assert.True(domain.IsReady);
    }

    [Theory]
    [InlineData(true, true, null, null, true)]
    [InlineData(true, true, "", "", true)]
    [InlineData(true, true, "active", "active", true)]
    [InlineData(true, true, "ACTIVE", null, true)]
    [InlineData(true, true, "pending", "active", false)]
    [InlineData(true, true, "active", "pending_validation", false)]
    [InlineData(false, true, "active", "active", false)]
    [InlineData(true, false, "active", "active", false)]
    public void CheckIsReadyWhenFoundWithValidSslAndCloudflareAgrees(
        bool found, bool sslValid, string? cloudflare, string? cloudflareSsl, bool ready)
    {
        var response = new CheckDomainResponse
        {
            Found = found, SslValid = sslValid, CloudflareStatus = cloudflare, CloudflareSslStatus = cloudflareSsl,
        };
        Assert.Equal(ready, DomainMapper.FromCheck(response, "a.example").IsReady);
    }

    [Fact]
    public void DnsRecordsComeFromSslAndOwnershipVerification()
    {
        var info = new DomainInfo
        {
            Domain = "track.example.com",
            Ssl = new SslValidation { Status = "pending_validation", TxtName = "_acme-challenge.track.example.com", TxtValue = "abc" },
            OwnershipVerification = new OwnershipVerification { Type = "txt", Name = "_cf-custom-hostname.track.example.com", Value = "uuid" },
        };
        DnsRecordList records = DomainMapper.FromInfo(info, null, null).DnsRecords;
        Assert.Equal(2, records.Length);
        Assert.Equal("TXT _acme-challenge.track.example.com abc", records[0].ToString());
        Assert.Equal("SSL certificate validation", records[0].Purpose);
        Assert.Equal("TXT", records[1].Type);
        Assert.Equal("_cf-custom-hostname.track.example.com", records[1].Name);
        Assert.Equal("uuid", records[1].Value);
        Assert.Equal("Ownership verification", records[1].Purpose);
        Assert.All(records, r => Assert.Equal("track.example.com", r.Domain));
    }

    [Theory]
    [InlineData(null, "v")]
    [InlineData("", "v")]
    [InlineData("n", null)]
    [InlineData("n", "")]
    public void IncompleteDnsRecordsAreSkipped(string? name, string? value)
    {
        var info = new DomainInfo
        {
            Domain = "a.example",
            Ssl = new SslValidation { TxtName = name, TxtValue = value },
            OwnershipVerification = new OwnershipVerification { Type = "txt", Name = name, Value = value },
        };
        Assert.Empty(DomainMapper.FromInfo(info, null, null).DnsRecords);
    }

    [Theory]
    [InlineData("cname", "CNAME")]
    [InlineData(" Txt ", "TXT")]
    [InlineData(null, "TXT")]
    [InlineData("", "TXT")]
    public void OwnershipRecordTypeIsUpperCaseAndDefaultsToTxt(string? type, string expected)
    {
        var info = new DomainInfo
        {
            Domain = "a.example",
            OwnershipVerification = new OwnershipVerification { Type = type, Name = "n", Value = "v" },
        };
        Assert.Equal(expected, Assert.Single(DomainMapper.FromInfo(info, null, null).DnsRecords).Type);
    }

    [Fact]
    public void MissingNameInDetailsIsTakenFromTheCheck()
    {
        DomainCheck check = DomainMapper.FromCheck(new CheckDomainResponse(), "a.example");
        Assert.Equal("a.example", DomainMapper.FromInfo(new DomainInfo(), null, check).Name);
    }
}
