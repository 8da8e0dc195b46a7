using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// -Debug must never cost a result: every cmdlet runs to the end, writes every object and every
/// request line, and never prompts. The host here can prompt (and records every prompt), so the
/// Inquire that PowerShell 7 gives a compiled cmdlet's Verbose lines under -Debug would show up.
/// The real console (no input, -NonInteractive, a terminal) is covered by tests/Pester/ConsoleHost.Tests.ps1.
/// </summary>
public sealed class DebugPreferenceTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public DebugPreferenceTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
        _f.Shell.Host.CapturingUI.Prompts.Clear();
    }

    /// <summary>Every exported cmdlet once, each with <c>{flags}</c> replaced by the flags; one property per result.</summary>
    private const string EveryCmdlet = @"
        $r = [ordered]@{}
        $r.Connect = Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2] -PassThru {flags}
        $r.Context = Get-FFContext {flags}
        $r.New = New-FFDomain dbg.example.com {flags}
        $r.Get = Get-FFDomain dbg.example.com {flags}
        $r.List = Get-FFDomain {flags}
        $r.Test = Test-FFDomain dbg.example.com {flags}
        $r.Refresh = Invoke-FFDomainRefresh dbg.example.com {flags}
        $r.Api = Invoke-FFApiRequest GET billing/domains {flags}
        $r.Remove = Remove-FFDomain dbg.example.com -Force -PassThru {flags}
        $r.Id = New-FFAssetId {flags}
        $r.IdTest = Test-FFAssetId $r.Id {flags}
        Disconnect-FFAccount {flags}
        $r.After = @(Get-FFContext).Count
        [pscustomobject]$r";

    private ScriptResult RunEveryCmdlet(string flags, string preamble = "") =>
        _f.Shell.Run(preamble + EveryCmdlet.Replace("{flags}", flags, StringComparison.Ordinal),
            EmulatorShellFixture.Secure(_server.DemoAccount.AccessToken), EmulatorShellFixture.Secure(_server.DemoAccount.RefreshToken), _server.BaseUri);

    private void AssertEveryCmdletRanToTheEnd(ScriptResult result)
    {
        Assert.Null(result.Exception);
        Assert.Empty(result.Errors);
        Assert.Empty(_f.Shell.Host.CapturingUI.Prompts);
        var summary = Assert.Single(result.Output);
        foreach (string name in new[] { "Connect", "Context", "New", "Get", "List", "Test", "Refresh", "Api", "Remove", "Id", "IdTest" })
        {
            Assert.True(summary.Properties[name].Value is not null, $"{name} returned nothing");
        }
        Assert.Equal("FunnelFlux.Domain", PSObject.AsPSObject(summary.Properties["New"].Value).TypeNames[0]);
        Assert.Equal("FunnelFlux.DomainCheck", PSObject.AsPSObject(summary.Properties["Test"].Value).TypeNames[0]);
        Assert.Equal(true, PSObject.AsPSObject(summary.Properties["IdTest"].Value).BaseObject);
        Assert.Equal(0, PSObject.AsPSObject(summary.Properties["After"].Value).BaseObject);
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void DebugAloneRunsEveryCmdletToTheEndWithEveryRequestLineAndNoPrompt()
    {
        var result = RunEveryCmdlet("-Debug");

        AssertEveryCmdletRanToTheEnd(result);
        var debug = result.Debug.Select(d => d.Message).ToList();
        // The request lines (Verbose without -Debug) are on the debug stream, in order, with the bodies.
        Assert.Contains(debug, m => m.StartsWith("POST ", StringComparison.Ordinal) && m.Contains("/auth/validate -> 200", StringComparison.Ordinal));
        Assert.Contains(debug, m => m.Contains("/billing/domains -> 200", StringComparison.Ordinal));
        Assert.Contains(debug, m => m.Contains("DELETE ", StringComparison.Ordinal) && m.Contains("dbg.example.com -> 200", StringComparison.Ordinal));
        Assert.Contains(debug, m => m.StartsWith("GET ", StringComparison.Ordinal) && m.Contains("/billing/domains -> 200", StringComparison.Ordinal));
        Assert.Contains(debug, m => m.Contains("body: {\"domain\":\"dbg.example.com\"}", StringComparison.Ordinal));
        Assert.Contains(debug, m => m.StartsWith("Connected to ", StringComparison.Ordinal));
        Assert.Empty(result.Verbose);
    }

    [Fact]
    public void VerboseAndDebugKeepBothStreams()
    {
        var result = RunEveryCmdlet("-Verbose -Debug");

        AssertEveryCmdletRanToTheEnd(result);
        Assert.Contains(result.Verbose, v => v.Message.Contains("/billing/domains -> 200", StringComparison.Ordinal));
        Assert.Contains(result.Debug, d => d.Message.Contains("body: {\"domain\":\"dbg.example.com\"}", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Debug, d => d.Message.Contains("/billing/domains -> 200", StringComparison.Ordinal));
    }

    [Fact]
    public void DebugPreferenceContinueShowsTheBodiesAndNeverPrompts()
    {
        var result = RunEveryCmdlet("", "$DebugPreference = 'Continue'\n");

        AssertEveryCmdletRanToTheEnd(result);
        Assert.Contains(result.Debug, d => d.Message.Contains("body: {\"domain\":\"dbg.example.com\"}", StringComparison.Ordinal));
        Assert.Empty(result.Verbose);
    }

    [Fact]
    public void DebugFalseIsNoDebug()
    {
        var result = RunEveryCmdlet("-Debug:$false -Verbose");

        AssertEveryCmdletRanToTheEnd(result);
        Assert.Empty(result.Debug);
        Assert.Contains(result.Verbose, v => v.Message.Contains("/billing/domains -> 200", StringComparison.Ordinal));
    }

    public void Dispose() => _f.Shell.Host.CapturingUI.Prompts.Clear();
}
