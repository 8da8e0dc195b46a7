namespace FunnelFlux.Benchmarks.Harness;

/// <summary>
/// Turns per-round raw figures into the ratio keys: each round's ratio is taken within that round
/// (both sides measured back to back in the same process), and the key is the median of those.
/// </summary>
public static class RatioComputation
{
    /// <summary>The per-round ratio of two figures of the same scenario.</summary>
    public static List<double> PerRound(IEnumerable<IReadOnlyDictionary<string, double>> rounds, string numerator, string denominator, string key) =>
        rounds.Select(round => Statistics.Ratio(Figure(round, numerator, key), Figure(round, denominator, key), key)).ToList();

    public static void Add(BenchResults results, string key, IReadOnlyList<double> perRound) =>
        results.Ratios[key] = RatioResult.From(RatioCatalog.Get(key), perRound);

    /// <summary>
    /// Every throttled run must have kept to its limit, as the emulator counted; a run that did not
    /// is a bug in the module, and the benchmark fails rather than report its speed.
    /// </summary>
    public static void EnsureThrottleLimitsHeld(IEnumerable<IReadOnlyDictionary<string, double>> rounds)
    {
        var broken = new List<string>();
        int index = 0;
        foreach (IReadOnlyDictionary<string, double> round in rounds)
        {
            index++;
            foreach ((string figure, int limit) in new[] { ("serial_max_in_flight", 1), ("throttle8_max_in_flight", 8), ("throttle16_max_in_flight", 16) })
            {
                double seen = Figure(round, figure, "throttle");
                if (seen > limit)
                {
                    broken.Add($"round {index}: {seen} requests in flight at once with a limit of {limit}");
                }
            }
        }
        if (broken.Count > 0)
        {
            throw new BenchmarkFailedException("Test-FFDomain went over its -ThrottleLimit: " + string.Join("; ", broken) + ".");
        }
    }

    private static double Figure(IReadOnlyDictionary<string, double> round, string name, string key) =>
        round.TryGetValue(name, out double value)
            ? value
            : throw new BenchmarkFailedException($"{key}: a round has no figure '{name}'.");
}
