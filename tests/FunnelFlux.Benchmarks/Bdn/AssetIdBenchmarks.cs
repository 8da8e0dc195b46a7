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

    [Benchmark(Baseline = true)]
    public long ReferencePort()
    {
        long characters = 0;
        for (int i = 0; i < Count; i++)
        {
            characters += ReferenceAssetIds.Next().Length;
        }
        return characters;
    }

    [Benchmark]
    public long CoreSharedGenerator()
    {
        long characters = 0;
        foreach (string id in AssetIdGenerator.Shared.Generate(Count))
        {
            characters += id.Length;
        }
        return characters;
    }

    [Benchmark]
    public long CoreNewGeneratorPerCall()
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
