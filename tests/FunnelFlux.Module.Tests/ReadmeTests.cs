using System.Text.RegularExpressions;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// The README's try-it-without-an-account walk-through, run against the in-process emulator with
/// -Wait on virtual time (so it pauses as on the real schedule, taking no time). Real pwsh runs
/// every README block too, in FunnelFlux.PowerShell.Tests.
/// </summary>
public sealed class ReadmeTests : IClassFixture<EmulatorShellFixture>
{
    private readonly EmulatorShellFixture _f;

    public ReadmeTests(EmulatorShellFixture fixture) => _f = fixture;

    /// <summary>The section's first two powershell blocks: import and connect, then the walk-through.</summary>
    private static string TryItBlock()
    {
        string readme = File.ReadAllText(Path.Combine(ModulePaths.RepoRoot, "README.md"));
        int section = readme.IndexOf("## Try it without an account", StringComparison.Ordinal);
        Assert.True(section >= 0, "README lost its try-it section");
        var blocks = Regex.Matches(readme[section..], "```powershell\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(blocks.Count >= 2);
        Assert.Contains("Connect-FFAccount", blocks[0].Groups[1].Value);
        Assert.Contains("-Wait", blocks[1].Groups[1].Value);
        return blocks[0].Groups[1].Value + blocks[1].Groups[1].Value;
    }

    [Fact]
    public void TheEmulatorWalkThroughRunsAsWritten()
    {
        string script = TryItBlock();
        Assert.Contains("http://127.0.0.1:5099/v1", script);
        Assert.Contains("'demo-access-token'", script);
        // Only the port differs: the test's emulator listens on a free one, with the same demo tokens.
        script = script.Replace("http://127.0.0.1:5099/v1", _f.Server.BaseUri.AbsoluteUri.TrimEnd('/'))
            .Replace("'demo-access-token'", "$args[0]")
            .Replace("'demo-refresh-token'", "$args[1]")
            .Replace("./out/FunnelFlux/FunnelFlux.psd1", "$args[2]");
        using var polling = ModuleState.UseVirtualPollingClock();
        var result = _f.Shell.Run(script, _f.Server.DemoAccount.AccessToken, _f.Server.DemoAccount.RefreshToken, ModulePaths.ManifestPath);

        Assert.Null(result.Exception);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Output, o => o.TypeNames[0] == "FunnelFlux.DomainCheck");
        Assert.Contains(result.Output, o => o.TypeNames[0] == "FunnelFlux.Domain" && Equals(o.Properties["IsReady"].Value, true));
        Assert.Empty(_f.Server.DomainsOf(_f.Server.DemoAccount));
        Assert.NotEmpty(polling.Pauses);
    }
}
