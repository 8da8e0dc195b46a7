using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FunnelFlux.Domains;
using FunnelFlux.Domains.Wire;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>
/// The hand-written reader of list entries against the reader the serializer generates for the
/// same fields (a mirror type without the converter): every entry, odd ones included, must come
/// out the same, and what one refuses the other refuses.
/// </summary>
public class DomainSummaryConverterTests
{
    private static readonly string[] EntryTexts =
    {
        """{"id":"2s9X0aa0001","domain":"a.example.com","cloudflare_id":"cf-1","status":"active","ssl_status":"active","verification_errors":[],"created_at":"2026-01-01T00:00:00Z"}""",
        """{"domain":"b.example.com"}""",
        """{}""",
        """{"id":null,"domain":null,"cloudflare_id":null,"status":null,"ssl_status":null,"verification_errors":null,"created_at":null}""",
        """{"id":42,"domain":"c.example.com","status":true,"ssl_status":{"a":[1,2]},"created_at":1767225600}""",
        """{"domain":"d.example.com","verification_errors":["x",null,"",7,{"k":"v"},["n"]]}""",
        """{"domain":"e.example.com","plan":{"x":1},"tier":3,"tags":["a","b"],"none":null,"flag":false}""",
        """{"domain":"first.example.com","domain":"last.example.com","tier":1,"tier":2}""",
        """{"d\u006fmain":"escaped.example.com","\u0069d":"i-1","caf\u00e9":"\u00e9t\u00e9"}""",
        """{"Domain":"case.example.com","ID":"x","domain":"lower.example.com"}""",
        """{"domain":"f.example.com","verification_errors":[]}""",
        """{"domain":"h.example.com","status":"pending","ssl_status":"pending_validation"}""",
        """{"domain":"i.example.com","status":"act\u0069ve","ssl_status":"active"}""",
        """{"domain":"j.example.com","status":"Active","ssl_status":null}""",
        """  { "domain" : "g.example.com" , "status" : "pending" , "extra" : { "deep" : { "deeper" : [ { } ] } } }  """,
    };

    public static TheoryData<string> Entries => new(EntryTexts);

    public static TheoryData<string> Refused => new()
    {
        "\"a.example.com\"",
        "42",
        "[]",
        """{"domain":"a.example.com","verification_errors":"one"}""",
        """{"domain":"a.example.com","verification_errors":{"0":"one"}}""",
        """{"domain":"a.example.com","verification_errors":3}""",
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void ReadsEveryEntryAsTheGeneratedReaderDoes(string entry)
    {
        AssertSame(ReadWithGeneratedReader(entry), ReadWithConverter(entry));
    }

    private static void AssertSame(MirrorSummary generated, DomainSummary hand)
    {
        Assert.Equal(generated.Id, hand.Id);
        Assert.Equal(generated.Domain, hand.Domain);
        Assert.Equal(generated.CloudflareId, hand.CloudflareId);
        Assert.Equal(generated.Status, hand.Status);
        Assert.Equal(generated.SslStatus, hand.SslStatus);
        Assert.Equal(generated.CreatedAt, hand.CreatedAt);
        Assert.Equal(generated.VerificationErrors, hand.VerificationErrors);
        Assert.Equal(RawTexts(generated.Extra), RawTexts(hand.Extra));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusesWhatTheGeneratedReaderRefuses(string entry)
    {
        Assert.ThrowsAny<JsonException>(() => ReadWithGeneratedReader(entry));
        Assert.ThrowsAny<JsonException>(() => ReadWithConverter(entry));
    }

    [Fact]
    public void AWholeListReadsTheSameBothWays()
    {
        var json = new StringBuilder("""{"success":true,"domains":[""");
        for (int i = 0; i < 300; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(EntryTexts[i % EntryTexts.Length]);
        }
        // A null entry last: both readers give null (the client refuses it later, with a message).
        json.Append(",null]}");
        string text = json.ToString();

        var hand = DomainJson.DeserializeListDomains(text).Domains!;
        var generated = JsonSerializer.Deserialize<MirrorList>(text, GeneratedOptions)!.Domains!;

        Assert.Equal(generated.Length, hand.Length);
        Assert.Null(hand[^1]);
        // Entry after entry, so a status remembered from the one before must never leak into the next.
        for (int i = 0; i < hand.Length - 1; i++)
        {
            AssertSame(generated[i]!, hand[i]!);
        }
    }

    [Fact]
    public void NoUnknownFieldMeansNoExtra()
    {
        Assert.Null(ReadWithConverter("""{"domain":"a.example.com","status":"active"}""").Extra);
    }

    private static DomainSummary ReadWithConverter(string entry) =>
        DomainJson.DeserializeListDomains("{\"domains\":[" + entry + "]}").Domains!.Single()!;

    private static readonly JsonSerializerOptions GeneratedOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new LenientStringConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static MirrorSummary ReadWithGeneratedReader(string entry) =>
        JsonSerializer.Deserialize<MirrorList>("{\"domains\":[" + entry + "]}", GeneratedOptions)!.Domains!.Single()!;

    private static SortedDictionary<string, string>? RawTexts(Dictionary<string, JsonElement>? extra) =>
        extra is null ? null : new SortedDictionary<string, string>(extra.ToDictionary(field => field.Key, field => field.Value.GetRawText()), StringComparer.Ordinal);

    /// <summary>DomainSummary's fields as the serializer reads them without a converter.</summary>
    private sealed class MirrorSummary
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("domain")] public string? Domain { get; set; }
        [JsonPropertyName("cloudflare_id")] public string? CloudflareId { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("ssl_status")] public string? SslStatus { get; set; }
        [JsonPropertyName("verification_errors")] public string?[]? VerificationErrors { get; set; }
        [JsonPropertyName("created_at")] public string? CreatedAt { get; set; }
        [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
    }

    private sealed class MirrorList
    {
        [JsonPropertyName("domains")] public MirrorSummary?[]? Domains { get; set; }
    }
}
