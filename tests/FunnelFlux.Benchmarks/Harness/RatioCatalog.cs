namespace FunnelFlux.Benchmarks.Harness;

public enum Better
{
    /// <summary>candidate / baseline: below 1 the candidate is faster.</summary>
    Lower,

    /// <summary>A speed-up or a rate ratio: above 1 the candidate is faster.</summary>
    Higher,
}

/// <summary>One ratio key of results.json: what it divides, which way is better, and the issue's target.</summary>
public sealed record RatioDefinition(
    string Key,
    string Candidate,
    string Baseline,
    Better Better,
    double Target,
    string TargetKind)
{
    public string Direction => Better == Better.Lower ? "lower is better" : "higher is better";

    /// <summary>"&lt;= 1.25" or "&gt;= 7".</summary>
    public string TargetText => (Better == Better.Lower ? "<= " : ">= ") + Target.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public bool IsMet(double value) => Better == Better.Lower ? value <= Target : value >= Target;
}

/// <summary>Every key the issue asks for, with its target ("gap" to close later, or "keep" what is good).</summary>
public static class RatioCatalog
{
    public const string Gap = "gap to close";
    public const string Keep = "keep";

    public static IReadOnlyList<RatioDefinition> All { get; } = new[]
    {
        new RatioDefinition("per_call_vs_httpclient",
            "Get-FFDomain -Domain <name>, time per call",
            "a raw HttpClient GET of the same URL, time per call, in a loop in the same pwsh",
            Better.Lower, 1.25, Gap),
        new RatioDefinition("per_call_vs_invoke_restmethod",
            "Get-FFDomain -Domain <name>, time per call",
            "hand-written Invoke-RestMethod of the same URL with the Bearer header, time per call",
            Better.Lower, 0.4, Keep),
        new RatioDefinition("list5000_vs_raw",
            "Get-FFDomain over the seeded domains (5000 in a full run), time per list",
            "a raw HttpClient GET of the same list URL, reading the same bytes, time per list",
            Better.Lower, 1.5, Gap),
        new RatioDefinition("ids_1m_vs_emit_limit",
            "New-FFAssetId -Count 1000000 (full run), time per call",
            "a trivial compiled cmdlet writing the same number of ready-made strings, one WriteObject each",
            Better.Lower, 1.2, Gap),
        new RatioDefinition("ids_core_vs_reference",
            "the core's shared generator, read in batches as New-FFAssetId reads it, IDs per second",
            "a plain port of the documented reference algorithm (Math.random-style, no de-duplication), IDs per second",
            Better.Higher, 10, Keep),
        new RatioDefinition("testid_pipe_vs_array",
            "$ids | Test-FFAssetId over 1,000,000 IDs (full run), time",
            "Test-FFAssetId -Id $ids over the same IDs, time",
            Better.Lower, 1.5, Gap),
        new RatioDefinition("import_vs_psresourceget",
            "Import-Module of the laid-out FunnelFlux manifest, inside a fresh pwsh, time",
            "Import-Module of PSResourceGet's manifest, inside a fresh pwsh, time",
            Better.Lower, 1.0, Keep),
        new RatioDefinition("throttle8_speedup",
            "Get-FFDomain | Test-FFDomain, serial time",
            "the same with -ThrottleLimit 8, time (the key is serial / throttled)",
            Better.Higher, 7, Keep),
        new RatioDefinition("throttle16_speedup",
            "Get-FFDomain | Test-FFDomain, serial time",
            "the same with -ThrottleLimit 16, time (the key is serial / throttled)",
            Better.Higher, 13, Keep),
    };

    public static RatioDefinition Get(string key) =>
        All.FirstOrDefault(d => d.Key == key) ?? throw new ArgumentException($"No ratio key '{key}'.", nameof(key));
}
