using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>What out/bench/results.json holds; the report is rendered from it alone.</summary>
public sealed class BenchResults
{
    public int Schema { get; set; } = 1;

    public string Mode { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public double DurationSeconds { get; set; }

    public string? Commit { get; set; }

    public string? Note { get; set; }

    public MachineInfo Machine { get; set; } = new();

    public BenchPlan? Plan { get; set; }

    /// <summary>Every ratio key, each the median over rounds of a ratio taken within one round.</summary>
    public SortedDictionary<string, RatioResult> Ratios { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per-round raw figures of each scenario (times in ms or µs as the names say).</summary>
    public SortedDictionary<string, List<SortedDictionary<string, double>>> Rounds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The processes the run started (emulators, pwsh); every one had ended when the run did.</summary>
    public List<int> ChildProcessIds { get; set; } = new();

    /// <summary>BenchmarkDotNet's GitHub-Markdown tables, one per benchmark class (full runs only).</summary>
    public List<BdnReport> BenchmarkDotNet { get; set; } = new();

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
    }

    public static BenchResults Load(string path) =>
        JsonSerializer.Deserialize<BenchResults>(File.ReadAllText(path), JsonOptions)
        ?? throw new BenchmarkFailedException($"{path} holds no results.");
}

public sealed class RatioResult
{
    /// <summary>The median over rounds.</summary>
    public double Value { get; set; }

    public string Direction { get; set; } = "";

    public string Candidate { get; set; } = "";

    public string Baseline { get; set; } = "";

    /// <summary>"&lt;= 1.25" or "&gt;= 7", from the issue.</summary>
    public string Target { get; set; } = "";

    /// <summary>"gap to close" or "keep".</summary>
    public string TargetKind { get; set; } = "";

    public bool Met { get; set; }

    /// <summary>The ratio of each round, in round order.</summary>
    public List<double> PerRound { get; set; } = new();

    public static RatioResult From(RatioDefinition definition, IReadOnlyList<double> perRound)
    {
        double median = Statistics.Median(perRound);
        return new RatioResult
        {
            Value = median,
            Direction = definition.Direction,
            Candidate = definition.Candidate,
            Baseline = definition.Baseline,
            Target = definition.TargetText,
            TargetKind = definition.TargetKind,
            Met = definition.IsMet(median),
            PerRound = perRound.ToList(),
        };
    }
}

public sealed class BdnReport
{
    public string Title { get; set; } = "";

    public string Markdown { get; set; } = "";
}

public sealed class MachineInfo
{
    public string? OperatingSystem { get; set; }

    public string? Cpu { get; set; }

    public int LogicalCores { get; set; }

    public double? MemoryGiB { get; set; }

    public string? DotnetRuntime { get; set; }

    public string? DotnetSdk { get; set; }

    public string? Pwsh { get; set; }

    public string? ModuleVersion { get; set; }

    public string? BenchmarkDotNet { get; set; }

    /// <summary>1, 5 and 15 minute load averages before the run started.</summary>
    public double[]? LoadAverageAtStart { get; set; }

    /// <summary>The same when the run ended (the run itself keeps about two cores busy).</summary>
    public double[]? LoadAverageAtEnd { get; set; }

    /// <summary>True when other work already loaded the machine at the start: the numbers are noisy.</summary>
    public bool Loaded { get; set; }
}
