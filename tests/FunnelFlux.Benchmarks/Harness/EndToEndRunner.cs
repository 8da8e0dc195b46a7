using System.Globalization;
using System.Text.Json;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>What the pwsh part measured, as raw per-round figures.</summary>
public sealed class EndToEndFigures
{
    public string PwshVersion { get; init; } = "";

    public string ModuleVersion { get; init; } = "";

    public string ModuleConfiguration { get; init; } = "";

    /// <summary>Scenario name (perCall, list, ids, testId, throttle) → one dictionary of figures per round.</summary>
    public Dictionary<string, List<SortedDictionary<string, double>>> Rounds { get; init; } = new();
}

/// <summary>
/// Runs EndToEnd.ps1 in one pwsh process (one domain per call, the list, New-FFAssetId, Test-FFAssetId,
/// throttling), and the Import-Module comparison in fresh pwsh processes.
/// </summary>
public sealed class EndToEndRunner(ChildProcesses children, PwshTool pwsh, string workFolder)
{
    public static string ModuleManifest => Path.Combine(Dotnet.RepoRoot, "out", "FunnelFlux", "FunnelFlux.psd1");

    public async Task<EndToEndFigures> RunScriptAsync(BenchPlan plan, EmulatorInstance list, EmulatorInstance throttle, TimeSpan timeout)
    {
        string outFile = Path.Combine(workFolder, "end-to-end.json");
        string planFile = Path.Combine(workFolder, "end-to-end.plan.json");
        var planDocument = new Dictionary<string, object>
        {
            ["moduleManifest"] = ModuleManifest,
            // The pipeline limit, the per-call floor, and the two floors of a piped Test-FFAssetId.
            ["helperCmdletSources"] = new[] { "WriteReadyStringCommand.cs", "InvokeRawGetCommand.cs", "TestPipedItemCommand.cs", "TestShapedItemCommand.cs" }
                .Select(file => Path.Combine(AppContext.BaseDirectory, "EndToEnd", file))
                .ToArray(),
            ["listReadyFile"] = list.ReadyFile,
            ["throttleReadyFile"] = throttle.ReadyFile,
            ["outFile"] = outFile,
            ["domainName"] = EmulatorInstance.DomainName(0),
            ["rounds"] = plan.Rounds,
            ["perCallCalls"] = plan.PerCallCalls,
            ["listDomains"] = plan.ListDomains,
            ["listRepeats"] = plan.ListRepeats,
            ["assetIds"] = plan.AssetIds,
            ["testIds"] = plan.TestIds,
            ["throttleDomains"] = plan.ThrottleDomains,
            ["throttleLatencyMs"] = plan.ThrottleLatencyMs,
            ["throttleRounds"] = plan.ThrottleRounds,
        };
        await File.WriteAllTextAsync(planFile, JsonSerializer.Serialize(planDocument)).ConfigureAwait(false);

        string script = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "EndToEnd.ps1");
        var run = await children.RunAsync(pwsh.StartInfo(workFolder, "-File", script, "-PlanFile", planFile), timeout, "The pwsh part (EndToEnd.ps1)", echo: true).ConfigureAwait(false);
        if (run.ExitCode != 0 || !File.Exists(outFile))
        {
            throw new BenchmarkFailedException($"The pwsh part failed (exit code {run.ExitCode}).\n{run.Stderr}");
        }

        using JsonDocument document = JsonDocument.Parse(await File.ReadAllTextAsync(outFile).ConfigureAwait(false));
        JsonElement root = document.RootElement;
        var figures = new EndToEndFigures
        {
            PwshVersion = root.GetProperty("pwshVersion").GetString() ?? "",
            ModuleVersion = root.GetProperty("moduleVersion").GetString() ?? "",
            ModuleConfiguration = root.GetProperty("moduleConfiguration").GetString() ?? "",
        };
        foreach (string scenario in new[] { "perCall", "list", "ids", "testId", "throttle" })
        {
            var rounds = new List<SortedDictionary<string, double>>();
            foreach (JsonElement round in root.GetProperty(scenario).EnumerateArray())
            {
                var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
                foreach (JsonProperty figure in round.EnumerateObject())
                {
                    values[figure.Name] = figure.Value.GetDouble();
                }
                rounds.Add(values);
            }
            if (rounds.Count == 0)
            {
                throw new BenchmarkFailedException($"The pwsh part measured no round of {scenario}.");
            }
            figures.Rounds[scenario] = rounds;
        }
        return figures;
    }

    /// <summary>
    /// Import-Module of our manifest and of PSResourceGet's, each inside a fresh pwsh that has loaded
    /// neither, interleaved (the first of each pair alternates); per round the median of each.
    /// </summary>
    public async Task<(List<double> Ratios, List<SortedDictionary<string, double>> Rounds)> MeasureImportsAsync(BenchPlan plan)
    {
        // Warm-up: each module once, so the first timed import does not pay for a cold file cache.
        // A quick run, which only shows the scenario works, saves the two processes.
        if (plan.ImportRounds > 1)
        {
            await ImportAsync(ModuleManifest).ConfigureAwait(false);
            await ImportAsync(pwsh.PSResourceGetManifest).ConfigureAwait(false);
        }

        var ratios = new List<double>();
        var rounds = new List<SortedDictionary<string, double>>();
        int pair = 0;
        for (int round = 0; round < plan.ImportRounds; round++)
        {
            var ours = new List<(double InProcess, double Process)>();
            var theirs = new List<(double InProcess, double Process)>();
            for (int i = 0; i < plan.ImportsPerRound; i++, pair++)
            {
                if (pair % 2 == 0)
                {
                    ours.Add(await ImportAsync(ModuleManifest).ConfigureAwait(false));
                    theirs.Add(await ImportAsync(pwsh.PSResourceGetManifest).ConfigureAwait(false));
                }
                else
                {
                    theirs.Add(await ImportAsync(pwsh.PSResourceGetManifest).ConfigureAwait(false));
                    ours.Add(await ImportAsync(ModuleManifest).ConfigureAwait(false));
                }
            }
            double oursMedian = Statistics.Median(ours.Select(s => s.InProcess));
            double theirsMedian = Statistics.Median(theirs.Select(s => s.InProcess));
            ratios.Add(Statistics.Ratio(oursMedian, theirsMedian, "import_vs_psresourceget"));
            var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["imports_per_module"] = plan.ImportsPerRound,
                ["funnelflux_import_ms"] = oursMedian,
                ["psresourceget_import_ms"] = theirsMedian,
                ["funnelflux_process_ms"] = Statistics.Median(ours.Select(s => s.Process)),
                ["psresourceget_process_ms"] = Statistics.Median(theirs.Select(s => s.Process)),
            };
            for (int i = 0; i < ours.Count; i++)
            {
                figures[$"funnelflux_import_ms_{i + 1}"] = ours[i].InProcess;
                figures[$"psresourceget_import_ms_{i + 1}"] = theirs[i].InProcess;
            }
            rounds.Add(figures);
        }
        return (ratios, rounds);
    }

    /// <summary>One fresh pwsh: the time Import-Module takes inside it, and the whole process's time.</summary>
    private async Task<(double InProcess, double Process)> ImportAsync(string manifest)
    {
        string script =
            "$watch = [System.Diagnostics.Stopwatch]::StartNew(); " +
            $"Import-Module -Name '{manifest.Replace("'", "''", StringComparison.Ordinal)}' -ErrorAction Stop; " +
            "$watch.Stop(); " +
            "[Console]::Out.WriteLine($watch.Elapsed.TotalMilliseconds.ToString('R', [cultureinfo]::InvariantCulture))";
        var run = await children.RunAsync(pwsh.StartInfo(workFolder, "-Command", script), TimeSpan.FromMinutes(2), $"Import-Module {Path.GetFileName(manifest)}").ConfigureAwait(false);
        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (run.ExitCode != 0 || lines.Length == 0 || !double.TryParse(lines[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds))
        {
            throw new BenchmarkFailedException($"Import-Module {manifest} failed in a fresh pwsh (exit code {run.ExitCode}).\n{run.Stdout}{run.Stderr}");
        }
        return (milliseconds, run.Elapsed.TotalMilliseconds);
    }
}
