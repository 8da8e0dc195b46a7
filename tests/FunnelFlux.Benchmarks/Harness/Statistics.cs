namespace FunnelFlux.Benchmarks.Harness;

public static class Statistics
{
    /// <summary>The median; the mean of the middle two for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// <paramref name="numerator"/> / <paramref name="denominator"/>, refusing a ratio that would
    /// be meaningless (a zero, negative or non-finite time), so a broken scenario fails the run
    /// instead of yielding a number.
    /// </summary>
    public static double Ratio(double numerator, double denominator, string what)
    {
        if (!IsPositive(numerator) || !IsPositive(denominator))
        {
            throw new BenchmarkFailedException($"{what}: cannot divide {numerator} by {denominator}; a measurement was zero, negative or not a number.");
        }
        return numerator / denominator;
    }

    public static bool IsPositive(double value) => double.IsFinite(value) && value > 0;
}
