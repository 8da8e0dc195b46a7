using FunnelFlux.Benchmarks.Harness;

namespace FunnelFlux.Benchmarks.Tests;

public class PerformanceReportTests
{
    [Fact]
    public void TheReportOpensWithTheCommandAndShowsEveryKeyWithItsDirectionAndTarget()
    {
        string report = PerformanceReport.Render(Results(loaded: false));

        string[] lines = report.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("# Performance", lines[0]);
        int fence = Array.IndexOf(lines, "```bash");
        Assert.True(fence > 0 && Array.FindIndex(lines, l => l.StartsWith("```", StringComparison.Ordinal)) == fence, "the first code block is the bash one");
        Assert.Equal(PerformanceReport.FullCommand, lines[fence + 1]);
        foreach (RatioDefinition definition in RatioCatalog.All)
        {
            string row = Assert.Single(lines, l => l.StartsWith($"| `{definition.Key}` |", StringComparison.Ordinal));
            Assert.Contains(definition.Direction, row, StringComparison.Ordinal);
            Assert.Contains(definition.TargetText, row, StringComparison.Ordinal);
        }
        Assert.Contains("AMD Test CPU, 2 logical cores", report, StringComparison.Ordinal);
        Assert.DoesNotContain("loaded machine", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunOnALoadedMachineSaysSoAtTheTop()
    {
        string report = PerformanceReport.Render(Results(loaded: true));
        int warning = report.IndexOf("Taken on a loaded machine", StringComparison.Ordinal);
        Assert.True(warning > 0 && warning < report.IndexOf("## Ratios", StringComparison.Ordinal));
        Assert.Contains("7.50, 6.00, 5.00", report, StringComparison.Ordinal);
    }

    [Fact]
    public void AMetAndAMissedTargetAreTold()
    {
        string report = PerformanceReport.Render(Results(loaded: false));
        string met = Assert.Single(report.Split('\n'), l => l.StartsWith("| `throttle8_speedup` |", StringComparison.Ordinal));
        string missed = Assert.Single(report.Split('\n'), l => l.StartsWith("| `per_call_vs_httpclient` |", StringComparison.Ordinal));
        Assert.Contains("| yes |", met, StringComparison.Ordinal);
        Assert.Contains("| **no** |", missed, StringComparison.Ordinal);
    }

    private static BenchResults Results(bool loaded)
    {
        var results = new BenchResults
        {
            Mode = "full",
            StartedAt = DateTimeOffset.Parse("2026-12-01T12:00:00Z"),
            Machine = new MachineInfo { Cpu = "AMD Test CPU", LogicalCores = 2, MemoryGiB = 24, Loaded = loaded, LoadAverageAtStart = new[] { 7.5, 6.0, 5.0 } },
            Plan = BenchPlan.Full,
        };
        foreach (RatioDefinition definition in RatioCatalog.All)
        {
            double value = definition.Key switch
            {
                "throttle8_speedup" => 7.5,
                "per_call_vs_httpclient" => 1.6,
                _ => 1.0,
            };
            RatioComputation.Add(results, definition.Key, new[] { value, value, value });
        }
        results.Rounds["perCall"] = new() { new(StringComparer.Ordinal) { ["candidate_us"] = 160, ["httpclient_us"] = 100, ["invoke_restmethod_us"] = 450 } };
        return results;
    }
}
