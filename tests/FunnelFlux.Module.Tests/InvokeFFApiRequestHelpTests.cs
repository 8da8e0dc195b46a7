using System.Text.RegularExpressions;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// The help, the about topic and the README show Invoke-FFApiRequest with documented endpoints
/// only (API.md section 5): every literal path in an example is one the API reference gives; any
/// other endpoint appears as a variable the user fills from the reference.
/// </summary>
public sealed class InvokeFFApiRequestHelpTests : IClassFixture<ModuleRunspaceFixture>
{
    private static readonly Regex Call = new(@"Invoke-FFApiRequest\s+(?:-Method\s+)?(GET|POST|PUT|PATCH|DELETE)\s+(?:-Path\s+)?([^\s)`]+)", RegexOptions.IgnoreCase);

    // The documented routes (with the hostname of a domain as its one variable part).
    private static readonly Regex Documented = new(
        @"^(/?billing/domains(/check|/track\.example\.com(/refresh)?)?|/?reporting/update/(cost|reset|conversions)/|https://api\.funnelflux\.pro/v1/billing/domains(/track\.example\.com)?|\$\w+)$");

    private readonly ModuleRunspace _shell;

    public InvokeFFApiRequestHelpTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    private string HelpText(string script)
    {
        var result = _shell.Run(script);
        Assert.Empty(result.Errors);
        return result.HostText + string.Join("\n", result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void EveryExamplePathIsADocumentedEndpointOrAVariable()
    {
        // The sources, not the rendered help: Get-Help wraps long lines, paths included.
        var sources = new[] { "docs/en-US/Invoke-FFApiRequest.md", "docs/en-US/about_FunnelFlux.md", "docs/en-US/Test-FFAssetId.md", "README.md" }
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(ModulePaths.RepoRoot, f)));

        int calls = 0;
        foreach (var (name, text) in sources)
        {
            foreach (Match match in Call.Matches(text))
            {
                calls++;
                string path = match.Groups[2].Value;
                Assert.True(Documented.IsMatch(path), $"{name} shows Invoke-FFApiRequest with '{path}', which is not a documented endpoint.");
            }
        }
        Assert.True(calls >= 15, $"only {calls} example calls found");
    }

    [Fact]
    public void TheAboutTopicSaysWhenToUseItAndHowItDiffers()
    {
        string about = HelpText("Get-Help about_FunnelFlux");

        Assert.Contains("INVOKE-FFAPIREQUEST", about);
        Assert.Contains("When to use which", about);
        Assert.Contains("How it differs from Invoke-RestMethod", about);
        Assert.Contains("New-FFAssetId", about);
        Assert.Contains("-AssetIdProperty", about);
    }

    [Fact]
    public void FullHelpShowsTheSyntaxAndTheConversionRules()
    {
        string help = HelpText("Get-Help Invoke-FFApiRequest -Full | Out-Default");

        Assert.Contains("Invoke-FFApiRequest [-Method] {GET | POST | PUT | PATCH | DELETE} [-Path] <String>", help);
        foreach (string text in new[] { "InvalidApiPath", "%2e%2e", "ISO 8601", "BigInteger", "OperationOutcomeUnknown", "***", "New-FFAssetId", "-Confirm:$false" })
        {
            Assert.Contains(text, help);
        }
    }
}
