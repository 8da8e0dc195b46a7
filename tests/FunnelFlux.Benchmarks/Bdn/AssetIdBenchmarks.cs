using BenchmarkDotNet.Attributes;
using FunnelFlux.Benchmarks.Core;
using FunnelFlux.Ids;

namespace FunnelFlux.Benchmarks.Bdn;

/// <summary>The core's shared generator against the plain port of the reference algorithm.</summary>
[MemoryDiagnoser]
public class AssetIdBenchmarks
{
    [Params(1, 10_000)]
    public int Count { get; set; }

    [Benchmark(Baseline = true, Description = "Reference port")]
    public long Reference()
    {
        long characters = 0;
        for (int i = 0; i < Count; i++)
        {
            characters += ReferenceAssetIds.Next().Length;
        }
        return characters;
    }

    [Benchmark(Description = "Core (shared generator)")]
    public long Core()
    {
        long characters = 0;
        foreach (string id in AssetIdGenerator.Shared.Generate(Count))
        {
            characters += id.Length;
        }
        return characters;
    }

    [Benchmark(Description = "Core (new generator per call)")]
    public long CoreNewGenerator()
    {
        long characters = 0;
        using var generator = new AssetIdGenerator();
        foreach (string id in generator.Generate(Count))
        {
            characters += id.Length;
        }
        return characters;
    }
}
