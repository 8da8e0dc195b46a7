using System.Diagnostics;
using FunnelFlux.Benchmarks.Harness;
using FunnelFlux.Ids;

namespace FunnelFlux.Benchmarks.Core;

/// <summary>
/// ids_core_vs_reference, round by round in this process: the core's shared generator (the one
/// New-FFAssetId uses) against the reference port, back to back, alternating which goes first.
/// </summary>
public static class CoreRounds
{
    public static (List<double> Ratios, List<SortedDictionary<string, double>> Rounds) MeasureIds(BenchPlan plan)
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
            rounds.Add(new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["ids"] = count,
                ["core_ids_per_second"] = core,
                ["reference_ids_per_second"] = reference,
            });
        }
        return (ratios, rounds);
    }

    private static double CoreIdsPerSecond(int count)
    {
        Settle();
        long characters = 0;
        var watch = Stopwatch.StartNew();
        foreach (string id in AssetIdGenerator.Shared.Generate(count))
        {
            characters += id.Length;
        }
        watch.Stop();
        return Rate(count, characters, watch.Elapsed);
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
