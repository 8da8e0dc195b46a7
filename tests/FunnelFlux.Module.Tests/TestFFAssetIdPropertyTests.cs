using System.Management.Automation;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>Test-FFAssetId -Property: the pre-flight check of a body's ID fields, offline.</summary>
public sealed class TestFFAssetIdPropertyTests : IClassFixture<ModuleRunspaceFixture>
{
    private readonly ModuleRunspace _shell;

    public TestFFAssetIdPropertyTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    [Fact]
    public void OneBooleanPerBodyWhateverItsForm()
    {
        var result = _shell.Run(@"
            $good = @{ funnelIDs = @('3a0HFXEabcde', '44kSarQ01234'); trafficSourceIDs = @() }
            $bad = [pscustomobject]@{ funnelIDs = @('3a0HFXEabcde', 'bad-id'); trafficSourceIDs = @() }
            $good, $bad | Test-FFAssetId -Property funnelIDs, trafficSourceIDs
            '{""funnelIDs"":[""3a0HFXEabcde""],""trafficSourceIDs"":[""44kSarQ01234""]}' | Test-FFAssetId -Property funnelIDs, trafficSourceIDs
            Test-FFAssetId -InputObject ([ordered]@{ funnelIDs = @('3a0HFXEabcde') }) -Property funnelIDs, trafficSourceIDs");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { true, false, true, false }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void DetailedNamesEveryValueByWhereItIs()
    {
        var result = _shell.Run(@"
            $body = @{ nodes = @(@{ id = '3a0HFXEabcde' }, @{ id = '3a0HFXE-bcde' }, @{ name = 'no id' }) }
            Test-FFAssetId -InputObject $body -Property nodes.id -Detailed");

        Assert.Empty(result.AllErrors);
        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("FunnelFlux.AssetIdInfo", o.TypeNames[0]));
        Assert.Equal(new object[] { "nodes[0].id", "nodes[1].id", "nodes[2].id" }, result.Output.Select(o => o.Properties["Property"].Value));
        Assert.Equal(new object[] { true, false, false }, result.Output.Select(o => o.Properties["IsValid"].Value));
        Assert.NotNull(result.Output[0].Properties["Timestamp"].Value);
        Assert.StartsWith("nodes[1].id: Character 8 ('-')", (string)result.Output[1].Properties["Reason"].Value);
        Assert.StartsWith("nodes[2].id: The field is missing", (string)result.Output[2].Properties["Reason"].Value);
    }

    [Fact]
    public void ABodyThatCannotBeReadIsANonTerminatingErrorAndTheRestGoOn()
    {
        var result = _shell.Run(@"
            '{""funnelIDs"": [', @{ funnelIDs = @('3a0HFXEabcde') } | Test-FFAssetId -Property funnelIDs");

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidInputObject,FunnelFlux.Commands.TestFFAssetIdCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("read as JSON text", error.Exception.Message);
        Assert.Equal(new object[] { true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void AValueWithNoJsonFormIsRefusedSayingWhere()
    {
        var result = _shell.Run("Test-FFAssetId -InputObject @{ id = [System.Security.SecureString]::new() } -Property id");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("InvalidInputObject,FunnelFlux.Commands.TestFFAssetIdCommand", error.FullyQualifiedErrorId);
        Assert.Contains("SecureString at $.id", error.Exception.Message);
        // Nothing is ever sent by this cmdlet, so its message does not talk of sending.
        Assert.DoesNotContain("sent", error.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void TheIdParameterSetIsUnchanged()
    {
        var result = _shell.Run("'3a0HFXEabcde', 'x' | Test-FFAssetId; [pscustomobject]@{ Id = '3a0HFXEabcde' } | Test-FFAssetId; Test-FFAssetId 'short' -Detailed");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { true, false, true }, result.Output.Take(3).Select(o => o.BaseObject));
        Assert.Equal(false, result.Output[3].Properties["IsValid"].Value);
    }

    [Fact]
    public void AnEmptyFieldNameIsRefused()
    {
        var result = _shell.Run("Test-FFAssetId -InputObject @{ a = 1 } -Property 'a..b'");

        Assert.Equal("InvalidPropertyName,FunnelFlux.Commands.TestFFAssetIdCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
    }

    [Fact]
    public void AKeyGivenTwiceInJsonTextMustHoldAValidIdBothTimes()
    {
        var result = _shell.Run(@"
            '{""id"":""3a0HFXEabcde"",""id"":""bad-id""}' | Test-FFAssetId -Property id
            '{""id"":""3a0HFXEabcde"",""id"":""44kSarQ01234""}' | Test-FFAssetId -Property id");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { false, true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void AJsonFileReadByGetContentIsReadWholeAndItsPipedLinesGetAHint()
    {
        string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ff-check-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(file, "{\n  \"funnelIDs\": [\"3a0HFXEabcde\"]\n}\n");
        try
        {
            var whole = _shell.Run("Test-FFAssetId -InputObject (Get-Content $args[0]) -Property funnelIDs", file);
            Assert.Empty(whole.AllErrors);
            Assert.Equal(new object[] { true }, whole.Output.Select(o => o.BaseObject));

            var piped = _shell.Run("Get-Content $args[0] | Test-FFAssetId -Property funnelIDs", file);
            Assert.Empty(piped.Output);
            Assert.Equal(3, piped.Errors.Count);
            Assert.All(piped.Errors, e => Assert.Contains($"one line of {file}", e.Exception.Message));
            Assert.All(piped.Errors, e => Assert.Contains("Get-Content -Raw", e.Exception.Message));
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }
}
