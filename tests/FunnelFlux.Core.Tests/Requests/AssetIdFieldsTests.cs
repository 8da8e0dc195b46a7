using FunnelFlux.Requests;

namespace FunnelFlux.Core.Tests.Requests;

/// <summary>The pre-flight check shared by Test-FFAssetId -Property and Invoke-FFApiRequest -AssetIdProperty.</summary>
public class AssetIdFieldsTests
{
    private const string Good1 = "3a0HFXEabcde";
    private const string Good2 = "44kSarQ01234";

    private static object? Parse(string json) => JsonAnswer.Read(json);

    [Fact]
    public void ValidIdsInStringAndListFieldsPass()
    {
        var body = Parse($"{{\"funnelIDs\":[\"{Good1}\",\"{Good2}\"],\"trafficSourceIDs\":[],\"owner\":{{\"id\":\"{Good1}\"}}}}");

        var checks = AssetIdFields.Check(body, new[] { "funnelIDs", "trafficSourceIDs", "owner.id" });

        Assert.True(AssetIdFields.AllValid(checks));
        Assert.Equal(new[] { "funnelIDs[0]", "funnelIDs[1]", "owner.id" }, checks.Select(c => c.Path));
        Assert.All(checks, c => Assert.NotNull(c.Info.Timestamp));
    }

    [Fact]
    public void EachBadValueIsNamedByWhereItIs()
    {
        var body = Parse($"{{\"funnelIDs\":[\"{Good1}\",\"bad-id\",7,null],\"nodes\":[{{\"id\":\"{Good2}\"}},{{\"id\":\"3a0HFXE-bcde\"}},{{}}]}}");

        var checks = AssetIdFields.Check(body, new[] { "funnelIDs", "nodes.id", "trafficSourceIDs" });

        Assert.False(AssetIdFields.AllValid(checks));
        var bad = checks.Where(c => !c.Info.IsValid).ToDictionary(c => c.Path, c => c.Info.Reason!);
        Assert.Equal(new[] { "funnelIDs[1]", "funnelIDs[2]", "funnelIDs[3]", "nodes[1].id", "nodes[2].id", "trafficSourceIDs" }, bad.Keys);
        Assert.StartsWith("funnelIDs[1]: The ID has 6 character(s)", bad["funnelIDs[1]"]);
        Assert.Contains("a number", bad["funnelIDs[2]"]);
        Assert.Contains("null", bad["funnelIDs[3]"]);
        Assert.Contains("Character 8 ('-')", bad["nodes[1].id"]);
        Assert.Contains("missing", bad["nodes[2].id"]);
        Assert.Contains("missing", bad["trafficSourceIDs"]);
    }

    [Fact]
    public void NamesMatchExactlyOrInAnyCaseWhenUnambiguous()
    {
        Assert.True(AssetIdFields.AllValid(AssetIdFields.Check(Parse($"{{\"FunnelIDs\":[\"{Good1}\"]}}"), new[] { "funnelids" })));

        var ambiguous = AssetIdFields.Check(Parse($"{{\"Id\":\"{Good1}\",\"ID\":\"{Good2}\"}}"), new[] { "id" });
        Assert.False(Assert.Single(ambiguous).Info.IsValid);
    }

    [Fact]
    public void ABodyThatIsNoObjectFailsTheCheck()
    {
        var checks = AssetIdFields.Check("just text", new[] { "id" });
        Assert.Contains("not an object", Assert.Single(checks).Info.Reason);
    }

    [Fact]
    public void EmptyFieldNamesAreAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => AssetIdFields.Check(Parse("{}"), new[] { "" }));
        Assert.Throws<ArgumentException>(() => AssetIdFields.Check(Parse("{}"), new[] { "a..b" }));
    }

    [Theory]
    [InlineData("{\"funnelId\":\"GOOD\",\"funnelId\":\"bad-id\"}")]
    [InlineData("{\"funnelId\":\"bad-id\",\"funnelId\":\"GOOD\"}")]
    [InlineData("{\"FunnelId\":\"GOOD\",\"FunnelId\":\"bad-id\"}")]
    public void AKeyGivenTwiceIsCheckedAtEveryAppearance(string template)
    {
        // JSON.parse keeps the last value, other parsers the first: whichever the server reads must be valid.
        var checks = AssetIdFields.Check(Parse(template.Replace("GOOD", Good1)), new[] { "funnelId" });

        Assert.False(AssetIdFields.AllValid(checks));
        Assert.Equal(2, checks.Count);
        var bad = Assert.Single(checks, c => !c.Info.IsValid);
        Assert.Matches(@"^funnelId \(occurrence [12] of 2\): The ID has 6 character", bad.Info.Reason);
    }

    [Fact]
    public void KeysThatDifferOnlyInCaseAreReportedAsAmbiguousNotMissing()
    {
        var check = Assert.Single(AssetIdFields.Check(Parse($"{{\"Id\":\"{Good1}\",\"ID\":\"{Good2}\"}}"), new[] { "id" }));

        Assert.False(check.Info.IsValid);
        Assert.Contains("ambiguous", check.Info.Reason);
        Assert.Contains("'Id' and 'ID'", check.Info.Reason);
    }
}
