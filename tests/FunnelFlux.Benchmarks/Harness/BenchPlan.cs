namespace FunnelFlux.Benchmarks.Harness;

/// <summary>
/// How much each scenario does. The full plan is what the ratio targets are about; the quick plan
/// only shows that every scenario still runs and yields its keys. Serialized into the pwsh part's
/// plan file and into results.json, so a reader sees what was measured.
/// </summary>
public sealed record BenchPlan
{
    /// <summary>Rounds of the in-process scenarios (per call, list, IDs, Test-FFAssetId, core IDs).</summary>
    public required int Rounds { get; init; }

    /// <summary>Calls of each kind per round in the per-call scenario.</summary>
    public required int PerCallCalls { get; init; }

    /// <summary>Domains seeded for the list scenario (the "5000" of list5000_vs_raw).</summary>
    public required int ListDomains { get; init; }

    /// <summary>Lists of each kind per round.</summary>
    public required int ListRepeats { get; init; }

    /// <summary>IDs per New-FFAssetId call (the "1m" of ids_1m_vs_emit_limit).</summary>
    public required int AssetIds { get; init; }

    /// <summary>IDs checked per Test-FFAssetId run.</summary>
    public required int TestIds { get; init; }

    /// <summary>IDs per core generator run, for ids_core_vs_reference.</summary>
    public required int CoreIds { get; init; }

    /// <summary>Domains seeded for the throttling scenario.</summary>
    public required int ThrottleDomains { get; init; }

    /// <summary>Milliseconds the throttling emulator adds to every request.</summary>
    public required int ThrottleLatencyMs { get; init; }

    /// <summary>Rounds of the throttling scenario (its serial run is the slow one).</summary>
    public required int ThrottleRounds { get; init; }

    /// <summary>Rounds of the import scenario.</summary>
    public required int ImportRounds { get; init; }

    /// <summary>Fresh pwsh processes per module per import round.</summary>
    public required int ImportsPerRound { get; init; }

    public static BenchPlan For(BenchMode mode) => mode == BenchMode.Full ? Full : Quick;

    public static BenchPlan Full { get; } = new()
    {
        // Nine rounds: on a shared 2-core VM single rounds scatter by 3x, and a median of five
        // still moved keys near their targets from run to run.
        Rounds = 9,
        PerCallCalls = 2000,
        ListDomains = 5000,
        ListRepeats = 10,
        AssetIds = 1_000_000,
        TestIds = 1_000_000,
        CoreIds = 1_000_000,
        ThrottleDomains = 200,
        ThrottleLatencyMs = 50,
        ThrottleRounds = 3,
        ImportRounds = 5,
        ImportsPerRound = 3,
    };

    public static BenchPlan Quick { get; } = new()
    {
        Rounds = 1,
        PerCallCalls = 30,
        ListDomains = 200,
        ListRepeats = 2,
        AssetIds = 20_000,
        TestIds = 20_000,
        CoreIds = 100_000,
        ThrottleDomains = 32,
        ThrottleLatencyMs = 50,
        ThrottleRounds = 1,
        ImportRounds = 1,
        ImportsPerRound = 1,
    };
}
