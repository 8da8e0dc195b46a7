using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FunnelFlux.Benchmarks.Harness;
using Perfolizer.Horology;

namespace FunnelFlux.Benchmarks.Bdn;

/// <summary>
/// Runs the BenchmarkDotNet classes in this process (the in-process toolchain: no generated
/// project to build, no extra process to clean up) and collects their GitHub-Markdown tables.
/// </summary>
public static class BdnRunner
{
    public static readonly Type[] BenchmarkTypes =
    {
        typeof(AssetIdBenchmarks),
        typeof(DomainListParsingBenchmarks),
        typeof(DomainRequestBenchmarks),
    };

    public static string Version => typeof(BenchmarkRunner).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static List<BdnReport> Run(string artifactsFolder)
    {
        // A short job keeps the whole run within its time budget; the table's error and
        // standard deviation columns show how far each mean can be trusted.
        Job job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("InProcess");
        IConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(artifactsFolder);

        var reports = new List<BdnReport>();
        foreach (Type type in BenchmarkTypes)
        {
            Summary summary = BenchmarkRunner.Run(type, config);
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            {
                throw new BenchmarkFailedException($"BenchmarkDotNet could not run {type.Name}; see its log in {artifactsFolder}.");
            }
            string file = Path.Combine(summary.ResultsDirectoryPath, $"{type.FullName}-report-github.md");
            if (!File.Exists(file))
            {
                throw new BenchmarkFailedException($"BenchmarkDotNet wrote no Markdown report for {type.Name} ({file}).");
            }
            reports.Add(new BdnReport { Title = type.Name, Markdown = File.ReadAllText(file).Trim() });
        }
        return reports;
    }
}
