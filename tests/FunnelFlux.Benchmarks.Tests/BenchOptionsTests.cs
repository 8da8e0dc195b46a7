using FunnelFlux.Benchmarks.Harness;

namespace FunnelFlux.Benchmarks.Tests;

public class BenchOptionsTests
{
    [Fact]
    public void FullRunsBenchmarkDotNetAndQuickDoesNot()
    {
        Assert.True(BenchOptions.Parse(new[] { "--full" }).RunBenchmarkDotNet);
        Assert.False(BenchOptions.Parse(new[] { "--full", "--no-bdn" }).RunBenchmarkDotNet);
        Assert.False(BenchOptions.Parse(new[] { "--quick" }).RunBenchmarkDotNet);
    }

    [Fact]
    public void PathsAndNoteAreTaken()
    {
        var options = BenchOptions.Parse(new[] { "--quick", "--results", "r.json", "--report", "p.md", "--note", "why" });
        Assert.Equal(BenchMode.Quick, options.Mode);
        Assert.Equal("r.json", options.ResultsPath);
        Assert.Equal("p.md", options.ReportPath);
        Assert.Equal("why", options.Note);
    }

    [Theory]
    [InlineData()]
    [InlineData("--full", "--quick")]
    [InlineData("--fast")]
    [InlineData("--quick", "--results")]
    [InlineData("--quick", "--results", "--full")]
    public void BadCommandLinesAreRefusedWithAReason(params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => BenchOptions.Parse(args));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void TheQuickPlanIsSmallerThanTheFullOneEverywhere()
    {
        BenchPlan quick = BenchPlan.Quick;
        BenchPlan full = BenchPlan.Full;
        Assert.Equal(1, quick.Rounds);
        Assert.True(quick.PerCallCalls < full.PerCallCalls && quick.ListDomains < full.ListDomains && quick.AssetIds < full.AssetIds
            && quick.TestIds < full.TestIds && quick.CoreIds < full.CoreIds && quick.ThrottleDomains < full.ThrottleDomains);
        // The full plan is what the keys' names promise.
        Assert.Equal(5000, full.ListDomains);
        Assert.Equal(1_000_000, full.AssetIds);
        Assert.Equal(1_000_000, full.TestIds);
        Assert.Equal(200, full.ThrottleDomains);
        Assert.Equal(50, full.ThrottleLatencyMs);
    }
}
