using System.Diagnostics;
using System.Globalization;
using FunnelFlux.Benchmarks.Harness;
using FunnelFlux.Ids;

namespace FunnelFlux.Benchmarks.Core;

/// <summary>
/// ids_core_vs_reference, round by round in this process: the core's shared generator (the one
/// New-FFAssetId uses, read in batches as it reads them) against the reference port, back to
/// back, alternating which goes first.
/// Where the machine has node, each round also times the reference algorithm in JavaScript
/// (its own process, so not part of the key): an informational figure, as the issue measured it.
/// </summary>
public static class CoreRounds
{
    public static async Task<(List<double> Ratios, List<SortedDictionary<string, double>> Rounds)> MeasureIdsAsync(BenchPlan plan, ChildProcesses children)
    {
        int count = plan.CoreIds;
        // Warm-up: both paths jitted and tiered up before the first timed round.
        for (int i = 0; i < 3; i++)
        {
            CoreIdsPerSecond(Math.Max(1000, count / 10));
            ReferenceIdsPerSecond(Math.Max(1000, count / 10));
        }

        var ratios = new List<double>();
        var rounds = new List<SortedDictionary<string, double>>();
        for (int round = 0; round < plan.Rounds; round++)
        {
            double core;
            double reference;
            if (round % 2 == 0)
            {
                core = CoreIdsPerSecond(count);
                reference = ReferenceIdsPerSecond(count);
            }
            else
            {
                reference = ReferenceIdsPerSecond(count);
                core = CoreIdsPerSecond(count);
            }
            ratios.Add(Statistics.Ratio(core, reference, "ids_core_vs_reference"));
            var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["ids"] = count,
                ["core_ids_per_second"] = core,
                ["reference_ids_per_second"] = reference,
            };
            if (await NodeIdsPerSecondAsync(children, count).ConfigureAwait(false) is double node)
            {
                figures["reference_node_ids_per_second"] = node;
                figures["core_vs_reference_node"] = Statistics.Ratio(core, node, "core_vs_reference_node");
            }
            rounds.Add(figures);
        }
        return (ratios, rounds);
    }

    /// <summary>The reference algorithm's rate in node, or null where node is not on PATH.</summary>
    private static async Task<double?> NodeIdsPerSecondAsync(ChildProcesses children, int count)
    {
        string? node = FindOnPath("node");
        if (node is null)
        {
            return null;
        }
        var info = new ProcessStartInfo(node) { WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "ReferenceAssetIds.js"));
        info.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        var run = await children.RunAsync(info, TimeSpan.FromMinutes(2), "node ReferenceAssetIds.js").ConfigureAwait(false);
        if (run.ExitCode != 0 || !double.TryParse(run.Stdout.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double rate))
        {
            throw new BenchmarkFailedException($"node ReferenceAssetIds.js failed (exit code {run.ExitCode}).\n{run.Stdout}{run.Stderr}");
        }
        return rate;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static double CoreIdsPerSecond(int count)
    {
        Settle();
        var watch = Stopwatch.StartNew();
        long characters = CharactersOf(AssetIdGenerator.Shared.GenerateInBatches(count));
        watch.Stop();
        return Rate(count, characters, watch.Elapsed);
    }

    /// <summary>
    /// Reads every ID of <paramref name="batches"/> the way New-FFAssetId does (a loop over each
    /// batch), counting characters so that nothing can be optimised away.
    /// </summary>
    public static long CharactersOf(IEnumerable<ArraySegment<string>> batches)
    {
        long characters = 0;
        foreach (ArraySegment<string> batch in batches)
        {
            string[] ids = batch.Array!;
            for (int i = batch.Offset; i < batch.Offset + batch.Count; i++)
            {
                characters += ids[i].Length;
            }
        }
        return characters;
    }

    private static double ReferenceIdsPerSecond(int count)
    {
        Settle();
        long characters = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            characters += ReferenceAssetIds.Next().Length;
        }
        watch.Stop();
        return Rate(count, characters, watch.Elapsed);
    }

    // The characters are counted so no run can be optimised away, and checked so none is short.
    private static double Rate(int count, long characters, TimeSpan elapsed)
    {
        if (characters != (long)count * AssetIdFormat.Length)
        {
            throw new BenchmarkFailedException($"A generator made {characters} characters for {count} IDs.");
        }
        return count / elapsed.TotalSeconds;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
