using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FunnelFlux.Benchmarks.Core;

namespace FunnelFlux.Benchmarks.Bdn;

/// <summary>
/// The core's list parsing and mapping (decode, deserialize, map to Domain objects) against
/// parsing the same bytes into a JsonDocument, at several list sizes.
/// </summary>
[MemoryDiagnoser]
public class DomainListParsingBenchmarks
{
    private byte[] _json = Array.Empty<byte>();

    [Params(10, 100, 1000, 5000)]
    public int Domains { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = DomainListJson.Create(Domains);
        if (CoreListParsing.ParseAndMap(_json).Count != Domains)
        {
            throw new InvalidOperationException("The core did not read every domain of the list.");
        }
    }

    [Benchmark(Baseline = true)]
    public int JsonDocumentParse()
    {
        using JsonDocument document = JsonDocument.Parse(_json);
        return document.RootElement.GetProperty("domains").GetArrayLength();
    }

    [Benchmark]
    public int CoreDeserializeOnly() => CoreListParsing.Deserialize(_json).Domains?.Length ?? 0;

    [Benchmark]
    public int CoreParseAndMap() => CoreListParsing.ParseAndMap(_json).Count;
}
