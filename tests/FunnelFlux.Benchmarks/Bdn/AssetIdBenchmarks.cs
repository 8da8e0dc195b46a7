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

    /// <summary>The core's shared generator in batches, as New-FFAssetId takes its IDs.</summary>
    [Benchmark]
    public long CoreSharedGenerator() => CoreRounds.CharactersOf(AssetIdGenerator.Shared.GenerateInBatches(Count));

    /// <summary>The same generator through its one-ID-at-a-time enumerator.</summary>
    [Benchmark]
    public long CoreSharedGeneratorOneByOne()
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
        using var generator = new AssetIdGenerator();
        return CoreRounds.CharactersOf(generator.GenerateInBatches(Count));
    }
}
