using System.Management.Automation;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// Piped items reach Test-FFAssetId through -InputObject (binding them to the string[] -Id cost
/// a conversion and a by-property-name try per item), and each is read as -Id would have taken
/// it. The expected texts are what the cmdlet answered when pipeline input still bound to -Id.
/// </summary>
public class TestFFAssetIdPipelineTests : IClassFixture<ModuleRunspaceFixture>
{
    private const string Good = "3a0HFXEabcde";

    private readonly ModuleRunspace _shell;

    public TestFFAssetIdPipelineTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    [Theory]
    [InlineData("'3a0HFXEabcde'", new[] { Good })]
    [InlineData("''", new[] { "" })]
    [InlineData("$null", new string?[] { null })]
    [InlineData("[pscustomobject]@{ Id = '3a0HFXEabcde' }", new[] { Good })]
    [InlineData("[pscustomobject]@{ id = '3a0HFXEabcde' }", new[] { Good })]
    [InlineData("[pscustomobject]@{ Id = @('3a0HFXEabcde', 'x') }", new[] { Good, "x" })]
    [InlineData("[pscustomobject]@{ Id = $null }", new string?[] { null })]
    // A string that carries an Id note is still the string: by value comes before by property name.
    [InlineData("[psobject]'3a0HFXEabcde' | Add-Member -NotePropertyName Id -NotePropertyValue 'zzz' -PassThru", new[] { Good })]
    // An Id that is not text binds by value instead, as the object's text.
    [InlineData("[pscustomobject]@{ Id = 5 }", new[] { "@{Id=5}" })]
    [InlineData("[pscustomobject]@{ Name = 'x' }", new[] { "@{Name=x}" })]
    [InlineData(",@('a', '3a0HFXEabcde')", new[] { "a", Good })]
    [InlineData(",[System.Collections.Generic.List[string]]@('a', 'b')", new[] { "a", "b" })]
    [InlineData(",@(1, 2)", new[] { "1", "2" })]
    [InlineData("5", new[] { "5" })]
    [InlineData("[char]'a'", new[] { "a" })]
    [InlineData("@{ Id = '3a0HFXEabcde' }", new[] { "System.Collections.Hashtable" })]
    [InlineData("[ordered]@{ Id = '3a0HFXEabcde' }", new[] { "System.Collections.Specialized.OrderedDictionary" })]
    [InlineData("[xml]'<a>b</a>'", new[] { "System.Xml.XmlDocument" })]
    [InlineData("[datetime]'2026-01-01'", new[] { "01/01/2026 00:00:00" })]
    [InlineData("[guid]::Empty", new[] { "00000000-0000-0000-0000-000000000000" })]
    public void APipedItemIsTestedAsIdWouldHaveTakenIt(string item, string?[] expected)
    {
        var result = _shell.Run($"{item} | Test-FFAssetId -Detailed");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.Equal(expected, result.Output.Select(o => (string?)o.Properties["Id"].Value));
        var plain = _shell.Run($"{item} | Test-FFAssetId");
        Assert.Equal(expected.Select(id => (object)(id == Good)), plain.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void AnObjectWithAnIdPropertyOfItsOwnTypeIsTestedAsItsText()
    {
        // Get-Process's Id is a number: not text, so the process binds by value as its text.
        var result = _shell.Run("Get-Process -Id $PID | Test-FFAssetId -Detailed");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.StartsWith("System.Diagnostics.Process (", (string)Assert.Single(result.Output).Properties["Id"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void PipedIdsBindToInputObjectAndIdTakesOnlyArguments()
    {
        var parameters = _shell.Run("Get-Command Test-FFAssetId").OutputAs<CommandInfo>().Single().Parameters;
        Assert.DoesNotContain(parameters["Id"].Attributes.OfType<ParameterAttribute>(), a => a.ValueFromPipeline || a.ValueFromPipelineByPropertyName);
        var inputObject = parameters["InputObject"].Attributes.OfType<ParameterAttribute>().ToList();
        Assert.Equal(new[] { "Pipeline", "Property" }, inputObject.Select(a => a.ParameterSetName).Order());
        Assert.All(inputObject, a => Assert.True(a.ValueFromPipeline && a.Mandatory));
    }

    [Fact]
    public void InputObjectWithoutPropertyIsAnIdToTest()
    {
        var result = _shell.Run($"Test-FFAssetId -InputObject '{Good}'; Test-FFAssetId -InputObject 'nope'");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.Equal(new object[] { true, false }, result.Output.Select(o => o.BaseObject));
    }

    [Theory]
    [InlineData("@{ funnelIDs = @('3a0HFXEabcde') }", "Hashtable")]
    [InlineData("([ordered]@{ funnelIDs = '3a0HFXEabcde' })", "OrderedDictionary")]
    [InlineData("([pscustomobject]@{ funnelIDs = '3a0HFXEabcde' })", "PSCustomObject")]
    [InlineData("@(@{ a = 1 }, @{ b = 2 })", "Object[]")]
    public void ABodyGivenByNameWithoutPropertyAsksForProperty(string body, string type)
    {
        // Before, -InputObject belonged only to the -Property set, so PowerShell asked for -Property.
        var result = _shell.Run($"Test-FFAssetId -InputObject {body}");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("PropertyNotGiven,FunnelFlux.Commands.TestFFAssetIdCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"-InputObject holds a {type}, a request body", error.Exception.Message);
        Assert.Contains("-Property", error.Exception.Message);
    }

    [Fact]
    public void AnObjectWithAnIdGivenByNameIsStillAnId()
    {
        var result = _shell.Run($"Test-FFAssetId -InputObject ([pscustomobject]@{{ Id = '{Good}' }})");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.Equal(true, Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void APipedBodyWithoutPropertyStillTestsFalseAsBefore()
    {
        // Piped, it went to -Id as its text before, and an answer per item keeps a pipeline's count.
        var result = _shell.Run("@{ funnelIDs = @('3a0HFXEabcde') }, [pscustomobject]@{ a = 1 } | Test-FFAssetId");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.Equal(new object[] { false, false }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void PipingWhileIdIsGivenIsStillRefusedForEachItem()
    {
        var result = _shell.Run("'a', 'b' | Test-FFAssetId -Id 'z'");
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("InputObjectNotBound", e.FullyQualifiedErrorId, StringComparison.Ordinal));
    }

    [Fact]
    public void PipedItemsKeepTheirOrderAcrossKinds()
    {
        var result = _shell.Run($"'{Good}', [pscustomobject]@{{ Id = 'x' }}, $null, @('{Good}', 'y') | Test-FFAssetId");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.Equal(new object[] { true, false, false, true, false }, result.Output.Select(o => o.BaseObject));
    }

    [Theory]
    [InlineData("Test-FFAssetId -Id $rows")]
    [InlineData("Test-FFAssetId $rows")]
    [InlineData("Test-FFAssetId -InputObject $rows")]
    [InlineData(",$rows | Test-FFAssetId")]
    [InlineData("$rows | Test-FFAssetId")]
    public void RowsWithAnIdColumnAreTestedByTheirIdHoweverTheyAreGiven(string command)
    {
        // Given by argument, the rows used to be tested as their text, "@{Id=...}": every one False.
        var result = _shell.Run($"$rows = 'Id,Name', '{Good},a', 'nope,b', '{Good},c' | ConvertFrom-Csv; {command} -Detailed");

        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.Equal(new[] { Good, "nope", Good }, result.Output.Select(o => (string?)o.Properties["Id"].Value));
        Assert.Equal(new object[] { true, false, true }, result.Output.Select(o => o.Properties["IsValid"].Value));
    }

    [Theory]
    [InlineData("Test-FFAssetId -Id @('3a0HFXEabcde', [pscustomobject]@{ Id = '3a0HFXEabcde' }, 5, $null)", new[] { Good, Good, "5", null })]
    [InlineData("Test-FFAssetId -InputObject @('3a0HFXEabcde', [pscustomobject]@{ Id = '3a0HFXEabcde' }, 5, $null)", new[] { Good, Good, "5", null })]
    [InlineData("Test-FFAssetId -Id ([pscustomobject]@{ Id = @('3a0HFXEabcde', 'x') })", new[] { Good, "x" })]
    [InlineData("Test-FFAssetId -Id ([pscustomobject]@{ Id = 5 })", new[] { "@{Id=5}" })]
    [InlineData("Test-FFAssetId -Id @([pscustomobject]@{ Name = 'x' }, 'y')", new[] { "@{Name=x}", "y" })]
    public void ArgumentsMixingIdsAndRowsAreReadElementByElement(string command, string?[] expected)
    {
        var result = _shell.Run($"{command} -Detailed");

        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        Assert.Equal(expected, result.Output.Select(o => (string?)o.Properties["Id"].Value));
    }
}
