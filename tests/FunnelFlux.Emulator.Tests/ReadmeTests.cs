using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>The tool's README (also the package readme) documents everything the tool takes.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests/FunnelFlux.Emulator/README.md"));

    [Theory]
    [InlineData("--port")]
    [InlineData("--urls")]
    [InlineData("--https")]
    [InlineData("--ready-file")]
    [InlineData("--access-token-lifetime")]
    [InlineData("--refreshes-until-active")]
    [InlineData("--expired-token-status")]
    [InlineData("--latency")]
    [InlineData("--clock-offset")]
    [InlineData("--seed-samples")]
    [InlineData("--seed-domain")]
    [InlineData("--fault")]
    [InlineData("--quiet")]
    [InlineData("--exit-on-stdin-close")]
    [InlineData("--help")]
    public void EveryOptionIsDocumented(string option)
    {
        Assert.Contains($"`{option}", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFaultKindIsInTheTable()
    {
        Assert.All(FaultFactory.KindNames, kind => Assert.Contains($"| `{kind}` |", Readme, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET /_emulator/requests")]
    [InlineData("DELETE /_emulator/requests")]
    [InlineData("GET /_emulator/stats")]
    [InlineData("POST /_emulator/stats/reset")]
    [InlineData("GET /_emulator/faults")]
    [InlineData("POST /_emulator/faults")]
    [InlineData("DELETE /_emulator/faults")]
    [InlineData("GET /_emulator/clock")]
    [InlineData("POST /_emulator/clock")]
    [InlineData("POST /_emulator/domains")]
    [InlineData("GET /_emulator/tokens")]
    public void EveryControlRouteIsDocumented(string route)
    {
        Assert.Contains($"| `{route}` |", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSampleDomainsAreTheOnesSeeded()
    {
        Assert.All(SampleDomains.All, s => Assert.Contains($"`{s.Name}` ({(s.State == DomainSeedState.VerificationErrors ? "pending with verification errors" : DomainSeedStates.Name(s.State))}", Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void TheFaultExamplesParse()
    {
        string[] specs = System.Text.RegularExpressions.Regex.Matches(Readme, "--fault \"([^\"<\\[]+)\"").Select(m => m.Groups[1].Value).ToArray();

        Assert.True(specs.Length >= 5, string.Join(" | ", specs));
        Assert.All(specs, spec => Assert.NotNull(FaultSpec.Parse(spec)));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunnelFlux.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No FunnelFlux.sln above " + AppContext.BaseDirectory);
    }
}
