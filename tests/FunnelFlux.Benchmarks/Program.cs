using FunnelFlux.Benchmarks.Harness;

namespace FunnelFlux.Benchmarks;

public static class Program
{
    /// <summary>0: results written; 1: the benchmark failed (the message says why); 2: bad arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        try
        {
            if (options.RenderFrom is not null)
            {
                var results = BenchResults.Load(options.RenderFrom);
                string report = options.ReportPath ?? Path.Combine(Dotnet.RepoRoot, results.Mode == "full" ? "docs" : Path.Combine("out", "bench"), "performance.md");
                PerformanceReport.Write(results, report);
                Console.WriteLine($"Wrote {report} from {options.RenderFrom}.");
                return 0;
            }
            await new BenchmarkRun(options).ExecuteAsync().ConfigureAwait(false);
            return 0;
        }
        catch (BenchmarkFailedException e)
        {
            Console.Error.WriteLine("Benchmark failed: " + e.Message);
            return 1;
        }
    }
}
