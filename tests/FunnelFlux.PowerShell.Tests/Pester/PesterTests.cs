using FunnelFlux.PowerShell.Tests.Support;

namespace FunnelFlux.PowerShell.Tests.Pester;

/// <summary>
/// One row per Pester test in tests/Pester: Pester runs once, in real pwsh, and each row passes,
/// fails (with Pester's message) or is skipped as its Pester test was.
/// </summary>
public sealed class PesterTests
{
    // xUnit shortens long arguments in test names, so the name carries the Pester test's key and
    // the argument only its position in discovery.
    public static IEnumerable<TheoryDataRow<int>> DiscoveredTests() =>
        PesterSuite.Discover().Tests.Select((t, i) => new TheoryDataRow<int>(i + 1) { TestDisplayName = "Pester: " + t.Key });

    [Theory]
    [MemberData(nameof(DiscoveredTests))]
    public async Task Passes(int discovered)
    {
        string test = PesterSuite.Discover().Tests[discovered - 1].Key;
        PesterResult run = await PesterSuite.RunAsync();
        PesterTestResult? result = run.Tests.SingleOrDefault(t => t.Key == test);
        Assert.True(result is not null, $"Pester discovered '{test}', but the run has no such test.");
        switch (result.Result)
        {
            case "Passed":
                return;
            case "Skipped":
                Assert.Skip("Skipped by Pester" + (result.Error.Length > 0 ? ": " + result.Error : " (-Skip)."));
                return;
            case "Failed":
                Assert.Fail($"Failed in Pester:\n{result.Error}");
                return;
            default:
                Assert.Fail($"Did not run in Pester (result: {result.Result}).{BlockFailures(run)}");
                return;
        }
    }

    [Fact]
    public async Task TheRunHasExactlyTheDiscoveredTests()
    {
        var discovered = PesterSuite.Discover().Tests.Select(t => t.Key).ToList();
        PesterResult run = await PesterSuite.RunAsync();

        Assert.NotEmpty(discovered);
        Assert.Equal(discovered, run.Tests.Select(t => t.Key));
        Assert.Equal(run.Tests.Count, run.Passed + run.Failed + run.Skipped + run.Tests.Count(t => t.Result is "NotRun" or "Inconclusive"));
    }

    [Fact]
    public async Task NoSetupOrFileFailedOutsideATest()
    {
        PesterResult run = await PesterSuite.RunAsync();

        Assert.True(run.FailedBlocks.Count == 0 && run.FailedContainers.Count == 0, "Pester setup failed:" + BlockFailures(run));
    }

    [Fact]
    public async Task RanInThePinnedPowerShellWithThePinnedPester()
    {
        PesterResult run = await PesterSuite.RunAsync();

        Assert.Equal(Pwsh.PinnedVersion, run.PowerShellVersion);
        Assert.Equal(BuildLayout.PesterVersion, run.PesterVersion);
        Assert.False(run.DiscoverOnly);
    }

    private static string BlockFailures(PesterResult run) =>
        string.Concat(run.FailedBlocks.Concat(run.FailedContainers).Select(f => $"\n{f.Name}:\n{f.Error}"));
}
