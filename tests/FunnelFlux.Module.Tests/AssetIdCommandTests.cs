using System.Management.Automation;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

public class AssetIdCommandTests : IClassFixture<ModuleRunspaceFixture>
{
    private readonly ModuleRunspace _shell;

    public AssetIdCommandTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    [Fact]
    public void TimestampMakesTheTimePartReproducible()
    {
        var result = _shell.Run("New-FFAssetId -Timestamp '2026-01-01T00:00:00Z'");
        Assert.Empty(result.Errors);
        var id = Assert.IsType<string>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(12, id.Length);
        Assert.StartsWith("3a0HFXE", id, StringComparison.Ordinal);
    }

    [Fact]
    public void ATimestampBindsFromDateTimeToo()
    {
        var result = _shell.Run("New-FFAssetId -Timestamp ([datetime]::new(2026, 11, 23, 0, 0, 0, [DateTimeKind]::Utc))");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.StartsWith("44kSarQ", (string)Assert.Single(result.Output).BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public void ThousandGeneratedIdsAllTestTrue()
    {
        var result = _shell.Run("New-FFAssetId -Count 1000 | Test-FFAssetId");
        Assert.Empty(result.Errors);
        Assert.Equal(1000, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(true, o.BaseObject));
    }

    [Fact]
    public void CountThreePipedIntoTest()
    {
        var result = _shell.Run("New-FFAssetId -Count 3 | Test-FFAssetId");
        Assert.Equal(new object[] { true, true, true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void CountIsPositionalAndIdsAreDistinctAndAscending()
    {
        var result = _shell.Run("New-FFAssetId 50");
        var ids = result.OutputAs<string>().ToList();
        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
    }

    [Fact]
    public void OneMillionIdsFromOneCall()
    {
        var result = _shell.Run("New-FFAssetId -Count 1000000");
        Assert.Empty(result.Errors);
        var ids = result.OutputAs<string>().ToList();
        Assert.Equal(1_000_000, ids.Count);
        for (int i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0);
        }
        Assert.All(ids, id => Assert.Equal(12, id.Length));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1000001")]
    public void CountOutsideTheRangeIsRefusedByBinding(string count)
    {
        var result = _shell.Run($"New-FFAssetId -Count {count}");
        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("ParameterArgumentValidationError,FunnelFlux.Commands.NewFFAssetIdCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    [Theory]
    [InlineData("2019-07-22T23:59:59.999Z")]
    [InlineData("2131-02-25T10:16:46.208Z")]
    public void TimestampOutsideTheFormatIsAnInvalidArgument(string time)
    {
        var result = _shell.Run($"New-FFAssetId -Timestamp '{time}'");
        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("AssetIdTimestampOutOfRange,FunnelFlux.Commands.NewFFAssetIdCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("2131-02-25T10:16:46.207Z", error.Exception.Message);
        Assert.IsType<DateTimeOffset>(error.TargetObject);
    }

    [Fact]
    public void AnOutOfRangeTimeIsShownWholeInEveryCultureAndTheMessageIsJustItsSentences()
    {
        // Half a millisecond past the last one: cut to milliseconds it would read as the limit itself.
        var result = _shell.Run(@"
            [System.Globalization.CultureInfo]::CurrentCulture = 'da-DK'
            New-FFAssetId -Timestamp ([datetimeoffset]'2131-02-25T10:16:46.2075Z')");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("AssetIdTimestampOutOfRange,FunnelFlux.Commands.NewFFAssetIdCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("Cannot make an asset ID for 2131-02-25T10:16:46.2075000Z: ", error.Exception.Message);
        Assert.Contains("from 2019-07-23T00:00:00.000Z to 2131-02-25T10:16:46.207Z.", error.Exception.Message);
        Assert.EndsWith("omit -Timestamp to use the current time.", error.Exception.Message);
        Assert.IsType<DateTimeOffset>(error.TargetObject);
    }

    [Fact]
    public void TestReturnsFalseForBadInput()
    {
        var result = _shell.Run("Test-FFAssetId -Id '', '3a0HFXEabcd', '3a0HFXE-bcde', '3a0HFXEabcde'");
        Assert.Empty(result.Errors);
        Assert.Equal(new object[] { false, false, false, true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void TestAcceptsNullFromThePipeline()
    {
        var result = _shell.Run("$null | Test-FFAssetId");
        Assert.Empty(result.Errors);
        Assert.Equal(false, Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void TestBindsIdByPropertyName()
    {
        var result = _shell.Run("[pscustomobject]@{ Id = '3a0HFXEabcde' }, [pscustomobject]@{ Id = 'nope' } | Test-FFAssetId");
        Assert.Equal(new object[] { true, false }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void DetailedReturnsTypedObjects()
    {
        var result = _shell.Run("'3a0HFXEabcde', 'bad id' | Test-FFAssetId -Detailed");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        var good = result.Output[0];
        Assert.Equal("FunnelFlux.AssetIdInfo", good.TypeNames[0]);
        Assert.Equal(new[] { "Id", "IsValid", "Reason", "Timestamp" }, good.Properties.Select(p => p.Name).Order());
        Assert.Equal("3a0HFXEabcde", good.Properties["Id"].Value);
        Assert.Equal(true, good.Properties["IsValid"].Value);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), good.Properties["Timestamp"].Value);
        Assert.Null(good.Properties["Reason"].Value);
        var bad = result.Output[1];
        Assert.Equal(false, bad.Properties["IsValid"].Value);
        Assert.Null(bad.Properties["Timestamp"].Value);
        Assert.Contains("6 character", (string)bad.Properties["Reason"].Value);
    }

    [Fact]
    public void DetailedHasADefaultTableView()
    {
        var result = _shell.Run("Test-FFAssetId -Id '3a0HFXEabcde', 'x' -Detailed | Out-Default");
        Assert.Empty(result.Errors);
        Assert.Matches(@"Id\s+IsValid\s+Timestamp\s+Reason", result.HostText);
        Assert.Contains("2026-01-01 00:00:00.000Z", result.HostText);
        Assert.Contains("1 character(s)", result.HostText);
    }
}
