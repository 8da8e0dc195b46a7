using System.Text;
using System.Text.Json;
using FunnelFlux.Domains;
using FunnelFlux.Domains.Wire;

namespace FunnelFlux.Core.Tests.Domains;

public class DomainJsonTests
{
    [Fact]
    public void UnknownFieldsSurviveAsRawJsonText()
    {
        const string json = """
            { "success": true, "domain": {
                "domain": "track.example.com", "status": "active", "tier": 3, "labels": ["a", "b"],
                "ssl": { "status": "active", "method": "txt" },
                "ownership_verification": { "type": "txt", "name": "n", "value": "v", "ttl": 60 },
                "parsed": { "subdomain": "track", "root_domain": "example.com", "tld": "com" },
                "note": "hello" },
              "request_id": "r-1" }
            """;
        DomainResponse response = DomainJson.DeserializeDomain(json);
        Assert.Equal("\"r-1\"", response.Extra!["request_id"].GetRawText());

        Domain domain = DomainMapper.FromInfo(response.Domain!, null, null);
        Assert.Equal("3", domain.AdditionalProperties["tier"]);
        Assert.Equal("[\"a\", \"b\"]", domain.AdditionalProperties["labels"]);
        Assert.Equal("\"hello\"", domain.AdditionalProperties["note"]);
        Assert.Equal("\"txt\"", domain.AdditionalProperties["ssl.method"]);
        Assert.Equal("60", domain.AdditionalProperties["ownership_verification.ttl"]);
        Assert.Equal("\"com\"", domain.AdditionalProperties["parsed.tld"]);
        Assert.Equal(6, domain.AdditionalProperties.Count);
    }

    [Fact]
    public void UnknownFieldsOfSummariesAndChecksSurvive()
    {
        var list = DomainJson.DeserializeListDomains("""{"success":true,"domains":[{"domain":"a.example","plan":{"x":1}}]}""");
        Assert.Equal("{\"x\":1}", DomainMapper.FromSummary(list.Domains![0]!).AdditionalProperties["plan"]);

        var check = DomainJson.DeserializeCheckDomain("""{"success":true,"found":true,"ssl_valid":true,"region":"eu"}""");
        Assert.Equal("\"eu\"", DomainMapper.FromCheck(check, "a.example").AdditionalProperties["region"]);
    }

    [Fact]
    public void FieldNamesAreCaseSensitive()
    {
        var check = DomainJson.DeserializeCheckDomain("""{"Found":true,"found":false}""");
        Assert.False(check.Found);
        Assert.True(check.Extra!.ContainsKey("Found"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"success":null,"domain":null,"message":null,"error_code":null,"error_message":null}""")]
    [InlineData("""{"success":true,"domain":{}}""")]
    [InlineData("""{"success":true,"domain":{"id":null,"domain":null,"owner":null,"created_at":null,"cloudflare_id":null,"status":null,"ssl":null,"ownership_verification":null,"verification_errors":null,"parsed":null}}""")]
    [InlineData("""{"success":true,"domain":{"ssl":{},"ownership_verification":{},"parsed":{},"verification_errors":[null,"",null]}}""")]
    public void NullAndMissingFieldsDoNotCrash(string json)
    {
        DomainResponse response = DomainJson.DeserializeDomain(json);
        Domain domain = DomainMapper.FromInfo(response.Domain ?? new DomainInfo(), response.Message, null);
        Assert.Equal(string.Empty, domain.Name);
        Assert.NotNull(domain.VerificationErrors);
        Assert.Empty(domain.VerificationErrors);
        Assert.Empty(domain.DnsRecords);
        Assert.NotNull(domain.AdditionalProperties);
        Assert.Null(domain.CreatedAt);
        Assert.False(domain.IsReady);
    }

    [Fact]
    public void NullAndMissingCheckFieldsReadAsFalseOrNull()
    {
        var check = DomainMapper.FromCheck(
            DomainJson.DeserializeCheckDomain("""{"success":null,"found":null,"http_status":null,"response_time_ms":null,"check_timestamp":null}"""),
            "a.example");
        Assert.False(check.Success);
        Assert.False(check.Found);
        Assert.False(check.SslValid);
        Assert.Null(check.HttpStatus);
        Assert.Null(check.ResponseTime);
        Assert.Null(check.CheckedAt);
        Assert.Null(check.CloudflareStatus);
        Assert.Empty(check.AdditionalProperties);
    }

    [Fact]
    public void NumbersMayComeAsStrings()
    {
        var check = DomainMapper.FromCheck(
            DomainJson.DeserializeCheckDomain("""{"found":true,"http_status":"200","response_time_ms":"123","check_timestamp":"1764000000"}"""),
            "a.example");
        Assert.Equal(200, check.HttpStatus);
        Assert.Equal(TimeSpan.FromMilliseconds(123), check.ResponseTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764000000), check.CheckedAt);
    }

    [Fact]
    public void FractionalDurationsAreKept()
    {
        var check = DomainMapper.FromCheck(DomainJson.DeserializeCheckDomain("""{"response_time_ms":12.5}"""), "a.example");
        Assert.Equal(TimeSpan.FromTicks(125_000), check.ResponseTime);
    }

    [Fact]
    public void StringFieldsTakeAnyJsonValue()
    {
        var list = DomainJson.DeserializeListDomains(
            """{"success":true,"domains":[{"id":42,"domain":"a.example","created_at":1764000000,"status":true}]}""");
        Domain domain = DomainMapper.FromSummary(list.Domains![0]!);
        Assert.Equal("42", domain.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764000000), domain.CreatedAt);
        Assert.Null(domain.CreatedAtText);
        Assert.Equal("true", domain.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"success\":true,")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"success\":\"yes\"}")]
    [InlineData("{\"success\":true,\"domains\":{}}")]
    [InlineData("{\"success\":true,\"domains\":[1]}")]
    public void MalformedJsonThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => DomainJson.DeserializeListDomains(json));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"found\":")]
    [InlineData("{\"success\":\"maybe\"}")]
    public void EveryReaderThrowsJsonExceptionOnMalformedInput(string json)
    {
        Assert.ThrowsAny<JsonException>(() => DomainJson.DeserializeDomain(json));
        Assert.ThrowsAny<JsonException>(() => DomainJson.DeserializeDeleteDomain(json));
        Assert.ThrowsAny<JsonException>(() => DomainJson.DeserializeRefreshDomain(json));
        Assert.ThrowsAny<JsonException>(() => DomainJson.DeserializeCheckDomain(json));
    }

    [Fact]
    public void RequestsSerializeToTheDocumentedBody()
    {
        Assert.Equal("""{"domain":"track.example.com"}""", DomainJson.Serialize(new CreateDomainRequest("track.example.com")));
        Assert.Equal("""{"domain":"xn--bcher-kva.example"}""", DomainJson.Serialize(new CheckDomainRequest("xn--bcher-kva.example")));
    }
}
