using System.Collections;
using System.Management.Automation;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// The compiled help as a user meets it: Get-Help on the imported module folder. Walks every
/// exported cmdlet, so a cmdlet added later without complete help fails here even if the build
/// step that compiles docs/en-US were bypassed.
/// </summary>
public class HelpTests : IClassFixture<ModuleRunspaceFixture>
{
    // Reduces Get-Help's MAML objects to plain values: the test then reads data, not PSObjects.
    private const string SummarizeHelp = """
        $h = Get-Help -Name $args[0] -Full
        $cmd = Get-Command -Name $args[0] -Module FunnelFlux
        @{
            Synopsis    = [string]$h.Synopsis
            Description = @($h.description | ForEach-Object { $_.Text }) -join "`n"
            Inputs      = @($h.inputTypes.inputType | ForEach-Object { [string]$_.type.name })
            Outputs     = @($h.returnValues.returnValue | ForEach-Object { [string]$_.type.name })
            HelpParameters = @($h.parameters.parameter | Where-Object { $null -ne $_ } | ForEach-Object {
                @{ Name = [string]$_.name; Text = @($_.description | ForEach-Object { $_.Text }) -join "`n" }
            })
            CommandParameters = @($cmd.Parameters.Keys | Where-Object { [System.Management.Automation.Cmdlet]::CommonParameters -notcontains $_ })
            Examples    = @($h.examples.example | ForEach-Object {
                @{ Code = [string]$_.code; Remarks = @($_.remarks | ForEach-Object { $_.Text }) -join "`n" }
            })
        }
        """;

    private readonly ModuleRunspace _shell;

    public HelpTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    [Fact]
    public void EveryExportedCmdletHasCompleteHelp()
    {
        var names = _shell.Run("Get-Command -Module FunnelFlux -CommandType Cmdlet").OutputAs<CmdletInfo>().Select(c => c.Name).ToList();
        Assert.NotEmpty(names);

        var problems = new List<string>();
        foreach (string name in names)
        {
            problems.AddRange(HelpProblems(name).Select(p => $"{name}: {p}"));
        }
        Assert.True(problems.Count == 0, "Incomplete help (write docs/en-US/<cmdlet>.md, see docs/README.md):\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("New-FFAssetId", "Count", "Timestamp")]
    [InlineData("Test-FFAssetId", "Id", "InputObject", "Property", "Detailed")]
    [InlineData("Invoke-FFApiRequest", "Method", "Path", "Query", "Body", "OutputType", "AssetIdProperty", "SkipHttpErrorCheck", "StatusCodeVariable", "ResponseHeadersVariable", "Force", "Context", "WhatIf", "Confirm")]
    public void HelpCoversTheKnownParameters(string cmdlet, params string[] parameters)
    {
        var summary = Summarize(cmdlet);
        var documented = Maps(summary["HelpParameters"]).Select(p => (string)p["Name"]!).ToList();
        Assert.Equal(parameters.Order(), documented.Order());
    }

    [Fact]
    public void OutputTypesAreThePSTypeNamesUsersSee()
    {
        Assert.Equal(new[] { "System.String" }, Strings(Summarize("New-FFAssetId")["Outputs"]));
        Assert.Equal(new[] { "System.Boolean", "FunnelFlux.AssetIdInfo" }, Strings(Summarize("Test-FFAssetId")["Outputs"]));
    }

    [Fact]
    public void FullHelpShowsEverySectionAUserLooksFor()
    {
        var result = _shell.Run("Get-Help New-FFAssetId -Full | Out-Default");
        Assert.Empty(result.Errors);
        string text = result.HostText;
        foreach (string heading in new[] { "NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "Example 1:", "Example 2:", "RELATED LINKS" })
        {
            Assert.Contains(heading, text);
        }
        Assert.Contains("New-FFAssetId [[-Count] <Int32>] [-Timestamp <DateTimeOffset>]", text);
        Assert.Contains("2131-02-25T10:16:46.207Z", text);
        Assert.Contains("rejection sampling", text);
        Assert.Contains("Test-FFAssetId", text);
    }

    [Fact]
    public void ParameterFactsComeFromTheCmdlet()
    {
        var result = _shell.Run("Get-Help Test-FFAssetId -Parameter Id");
        var parameter = Assert.Single(result.Output);
        Assert.Equal("true", parameter.Properties["required"].Value?.ToString());
        Assert.Equal("0", parameter.Properties["position"].Value?.ToString());
        // Piped IDs bind to -InputObject (see TestFFAssetIdPipelineTests), and help says so.
        Assert.Equal("False", parameter.Properties["pipelineInput"].Value?.ToString());
        var inputObject = Assert.Single(_shell.Run("Get-Help Test-FFAssetId -Parameter InputObject").Output);
        Assert.Equal("True (ByValue)", inputObject.Properties["pipelineInput"].Value?.ToString());
    }

    [Fact]
    public void AboutTopicIsFound()
    {
        var result = _shell.Run("Get-Help about_FunnelFlux");
        Assert.Empty(result.Errors);
        string text = string.Join("\n", result.Output.Select(o => o.ToString()));
        Assert.Contains("about_FunnelFlux", text);
        Assert.Contains("SHORT DESCRIPTION", text);
        foreach (string topic in new[] { "Connect-FFAccount", "FUNNELFLUX_ACCESS_TOKEN", "Retry-After", "ForEach-Object -Parallel", "127.0.0.1:5099", "AuthenticationError" })
        {
            Assert.Contains(topic, text);
        }
    }

    private IEnumerable<string> HelpProblems(string name)
    {
        var summary = Summarize(name);
        if (IsBlank(summary["Synopsis"]) || ((string)summary["Synopsis"]!).TrimStart().StartsWith(name, StringComparison.OrdinalIgnoreCase))
        {
            yield return "no synopsis (Get-Help shows the generated syntax instead)";
        }
        if (IsBlank(summary["Description"]))
        {
            yield return "no description";
        }
        if (Strings(summary["Inputs"]).All(string.IsNullOrWhiteSpace))
        {
            yield return "no INPUTS";
        }
        if (Strings(summary["Outputs"]).All(string.IsNullOrWhiteSpace))
        {
            yield return "no OUTPUTS";
        }

        var examples = Maps(summary["Examples"]).ToList();
        if (examples.Count < 2)
        {
            yield return $"{examples.Count} example(s); at least 2 are required";
        }
        for (int i = 0; i < examples.Count; i++)
        {
            if (IsBlank(examples[i]["Code"])) yield return $"example {i + 1} has no code";
            if (IsBlank(examples[i]["Remarks"])) yield return $"example {i + 1} has no remark";
        }

        var helpParameters = Maps(summary["HelpParameters"]).ToDictionary(p => (string)p["Name"]!, p => (string?)p["Text"], StringComparer.OrdinalIgnoreCase);
        var commandParameters = Strings(summary["CommandParameters"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string parameter in commandParameters.Where(p => !helpParameters.ContainsKey(p)))
        {
            yield return $"parameter -{parameter} is not in the help";
        }
        foreach (var documented in helpParameters)
        {
            if (!commandParameters.Contains(documented.Key))
            {
                yield return $"the help names -{documented.Key}, which the cmdlet does not have";
            }
            else if (IsBlank(documented.Value))
            {
                yield return $"parameter -{documented.Key} has no description";
            }
        }
    }

    private Hashtable Summarize(string cmdlet)
    {
        var result = _shell.Run(SummarizeHelp, cmdlet);
        Assert.True(result.Exception is null && result.Errors.Count == 0, result.ToString());
        return (Hashtable)Assert.Single(result.Output).BaseObject;
    }

    private static bool IsBlank(object? value) => string.IsNullOrWhiteSpace(value?.ToString());

    private static IEnumerable<object?> Items(object? value) =>
        value is PSObject ps ? Items(ps.BaseObject) : value is IEnumerable list and not string ? list.Cast<object?>() : new[] { value };

    private static IEnumerable<string> Strings(object? value) =>
        Items(value).Select(v => v is PSObject ps ? ps.BaseObject : v).OfType<string>();

    private static IEnumerable<Hashtable> Maps(object? value) =>
        Items(value).Select(v => v is PSObject ps ? ps.BaseObject : v).OfType<Hashtable>();
}
