using FunnelFlux.Benchmarks.Harness;

namespace FunnelFlux.Benchmarks.Tests;

/// <summary>How rounds become ratio keys, and when a run must fail instead of reporting.</summary>
public class HarnessArithmeticTests
{
    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void MedianIsTheMiddleValue(double[] values, double expected) =>
        Assert.Equal(expected, Statistics.Median(values));

    [Fact]
    public void MedianOfNothingIsRefused() =>
        Assert.Throws<ArgumentException>(() => Statistics.Median(Array.Empty<double>()));

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void ARatioOfAMeaninglessTimeFailsTheRun(double numerator, double denominator) =>
        Assert.Throws<BenchmarkFailedException>(() => Statistics.Ratio(numerator, denominator, "key"));

    [Fact]
    public void EachRoundsRatioIsTakenWithinThatRoundAndTheKeyIsTheirMedian()
    {
        // Round 2 is slow for both sides (a noisy moment): its ratio is still 2, and the median
        // of the rounds' ratios is not pulled by its absolute times.
        var rounds = new[]
        {
            Round(("candidate_us", 200), ("httpclient_us", 100)),
            Round(("candidate_us", 2000), ("httpclient_us", 1000)),
            Round(("candidate_us", 300), ("httpclient_us", 100)),
        };
        List<double> perRound = RatioComputation.PerRound(rounds, "candidate_us", "httpclient_us", "per_call_vs_httpclient");
        Assert.Equal(new[] { 2.0, 2.0, 3.0 }, perRound);

        var results = new BenchResults();
        RatioComputation.Add(results, "per_call_vs_httpclient", perRound);
        RatioResult ratio = results.Ratios["per_call_vs_httpclient"];
        Assert.Equal(2.0, ratio.Value);
        Assert.Equal("lower is better", ratio.Direction);
        Assert.Equal("<= 1.25", ratio.Target);
        Assert.False(ratio.Met);
    }

    [Fact]
    public void AMissingFigureFailsTheRun()
    {
        var rounds = new[] { Round(("candidate_us", 200)) };
        Assert.Throws<BenchmarkFailedException>(() => RatioComputation.PerRound(rounds, "candidate_us", "httpclient_us", "per_call_vs_httpclient"));
    }

    [Fact]
    public void ThrottledRunsAtTheirLimitPass()
    {
        var rounds = new[] { Round(("serial_max_in_flight", 1), ("throttle8_max_in_flight", 8), ("throttle16_max_in_flight", 16)) };
        RatioComputation.EnsureThrottleLimitsHeld(rounds);
    }

    [Theory]
    [InlineData(2, 8, 16)]
    [InlineData(1, 9, 16)]
    [InlineData(1, 8, 17)]
    public void ARunOverItsThrottleLimitFailsTheBenchmark(int serial, int eight, int sixteen)
    {
        var rounds = new[]
        {
            Round(("serial_max_in_flight", 1), ("throttle8_max_in_flight", 8), ("throttle16_max_in_flight", 16)),
            Round(("serial_max_in_flight", serial), ("throttle8_max_in_flight", eight), ("throttle16_max_in_flight", sixteen)),
        };
        var error = Assert.Throws<BenchmarkFailedException>(() => RatioComputation.EnsureThrottleLimitsHeld(rounds));
        Assert.Contains("round 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCatalogHoldsExactlyTheIssuesKeysWithTheirDirections()
    {
        Assert.Equal(
            new[]
            {
                "per_call_vs_httpclient", "per_call_vs_invoke_restmethod", "list5000_vs_raw", "ids_1m_vs_emit_limit",
                "ids_core_vs_reference", "testid_pipe_vs_array", "import_vs_psresourceget", "throttle8_speedup", "throttle16_speedup",
            },
            RatioCatalog.All.Select(d => d.Key));
        string[] higher = RatioCatalog.All.Where(d => d.Better == Better.Higher).Select(d => d.Key).ToArray();
        Assert.Equal(new[] { "ids_core_vs_reference", "throttle8_speedup", "throttle16_speedup" }, higher);
    }

    [Theory]
    [InlineData("per_call_vs_httpclient", 1.25, true)]
    [InlineData("per_call_vs_httpclient", 1.26, false)]
    [InlineData("throttle8_speedup", 7.0, true)]
    [InlineData("throttle8_speedup", 6.9, false)]
    [InlineData("ids_core_vs_reference", 10.0, true)]
    [InlineData("import_vs_psresourceget", 1.01, false)]
    public void TargetsFollowTheKeysDirection(string key, double value, bool met) =>
        Assert.Equal(met, RatioCatalog.Get(key).IsMet(value));

    private static SortedDictionary<string, double> Round(params (string Name, double Value)[] figures)
    {
        var round = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in figures)
        {
            round[name] = value;
        }
        return round;
    }
}
