using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FunnelFlux.Http;

namespace FunnelFlux.Benchmarks.Bdn;

/// <summary>
/// Requests through the core (ApiSession: retry pipeline, auth, parsing, mapping) against a raw
/// HttpClient GET of the same URL, on the same loopback emulator the harness started.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DomainRequestBenchmarks
{
    private ApiSession? _session;
    private HttpClient? _raw;
    private Uri? _oneUri;
    private Uri? _listUri;
    private string _name = "";

    [GlobalSetup]
    public async Task Setup()
    {
        BenchEnvironment environment = BenchEnvironment.Current
            ?? throw new InvalidOperationException("Run these benchmarks through the harness (dotnet run --project tests/FunnelFlux.Benchmarks -- --full), which starts the emulator.");
        _name = environment.DomainName;
        _session = await ApiSession.ConnectAsync(new ApiClientOptions { ApiUri = environment.ApiUri }, environment.AccessToken, environment.RefreshToken);
        _raw = new HttpClient();
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", environment.AccessToken);
        string baseUri = environment.ApiUri.AbsoluteUri.TrimEnd('/');
        _oneUri = new Uri(baseUri + "/billing/domains/" + _name);
        _listUri = new Uri(baseUri + "/billing/domains");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.Dispose();
        _raw?.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("One domain")]
    public Task<string> RawGetOne() => _raw!.GetStringAsync(_oneUri);

    [Benchmark]
    [BenchmarkCategory("One domain")]
    public Task<Domain> CoreGetOne() => _session!.Domains.GetAsync(_name);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("List")]
    public Task<byte[]> RawGetList() => _raw!.GetByteArrayAsync(_listUri);

    [Benchmark]
    [BenchmarkCategory("List")]
    public Task<IReadOnlyList<Domain>> CoreList() => _session!.Domains.ListAsync();
}

/// <summary>Where the harness's emulator is, for the request benchmarks (they run in the harness's process).</summary>
public sealed record BenchEnvironment(Uri ApiUri, string AccessToken, string RefreshToken, string DomainName)
{
    public static BenchEnvironment? Current { get; set; }
}
