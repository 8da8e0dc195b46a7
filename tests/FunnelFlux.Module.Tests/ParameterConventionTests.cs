using System.Collections;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// One naming convention for durations across the module, PowerShell's own (-TimeoutSec, as in
/// Invoke-WebRequest): whole seconds as [int], named ...Sec; the older names stay as aliases.
/// </summary>
public sealed class ParameterConventionTests : IClassFixture<EmulatorShellFixture>
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public ParameterConventionTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    [Fact]
    public void EveryDurationParameterIsAnIntNamedSec()
    {
        var result = _f.Shell.Run(@"
            foreach ($command in Get-Command -Module FunnelFlux) {
                foreach ($p in $command.Parameters.Values) {
                    if ($p.Name -match 'Timeout|Interval|Delay|Wait(Time)?$' -and $p.ParameterType -ne [switch]) {
                        '{0} -{1} [{2}] {3}' -f $command.Name, $p.Name, $p.ParameterType.Name, ($p.Aliases -join ',')
                    }
                }
            }");

        Assert.Empty(result.AllErrors);
        var found = result.Output.Select(o => (string)o.BaseObject).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[]
        {
            "Connect-FFAccount -TimeoutSec [Int32] ",
            "Invoke-FFDomainRefresh -IntervalSec [Int32] Interval",
            "Invoke-FFDomainRefresh -TimeoutSec [Int32] Timeout",
        }, found);
    }

    [Theory]
    [InlineData("-TimeoutSec 40 -IntervalSec 30")]
    [InlineData("-Timeout 40 -Interval 30")]
    [InlineData("-Timeout '00:00:40' -Interval ([TimeSpan]::FromSeconds(30))")]
    [InlineData("-TimeoutSec 39.2 -IntervalSec 30")]
    public void TheNewNamesTheAliasesAndTimeSpansAllMeanSeconds(string settings)
    {
        _server.Options.RefreshesUntilActive = 1000;
        _server.AddDomain(_server.DemoAccount, "named.example.com");
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = _f.Shell.Run($"Invoke-FFDomainRefresh named.example.com -Wait {settings}");

        Assert.Equal("DomainNotReady,FunnelFlux.Commands.InvokeFFDomainRefreshCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        Assert.Equal(new[] { TimeSpan.FromSeconds(40) }, polling.Pauses);
    }

    [Fact]
    public void ANonDurationIsRefusedWithTheTwoFormsItAccepts()
    {
        var result = _f.Shell.Run("Invoke-FFDomainRefresh any.example.com -Wait -TimeoutSec 'soon'");

        var error = Assert.Single(result.AllErrors);
        Assert.Contains("number of seconds", error.Exception.Message);
        Assert.Contains("time span", error.Exception.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void TheHelpNamesTheNewParametersAndTheirAliases()
    {
        var result = _f.Shell.Run(@"
            $help = Get-Help Invoke-FFDomainRefresh -Full
            ($help.parameters.parameter | Where-Object name -in 'TimeoutSec', 'IntervalSec' | Sort-Object name | ForEach-Object { $_.name + '=' + $_.aliases }) -join ';'
            ($help | Out-String -Width 200) -match '-Timeout <'");

        Assert.Empty(result.AllErrors);
        Assert.Equal("IntervalSec=Interval;TimeoutSec=Timeout", result.Output[0].BaseObject);
        Assert.Equal(false, result.Output[1].BaseObject);
    }
}
