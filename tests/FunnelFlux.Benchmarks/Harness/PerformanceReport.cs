using System.Globalization;
using System.Text;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>Renders docs/performance.md from a results.json, and nothing else.</summary>
public static class PerformanceReport
{
    public const string FullCommand = "dotnet run -c Release --project tests/FunnelFlux.Benchmarks -- --full";
    public const string QuickCommand = "dotnet run -c Release --project tests/FunnelFlux.Benchmarks -- --quick";

    public static void Write(BenchResults results, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Render(results));
    }

    public static string Render(BenchResults results)
    {
        var md = new StringBuilder();
        md.AppendLine("# Performance");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine(FullCommand);
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("Run it from the repository root. It builds what it needs, starts its own emulator processes on");
        md.AppendLine("127.0.0.1 (and stops them, also when it fails), runs the end-to-end part in the pinned real pwsh");
        md.AppendLine("(`dotnet pwsh`, from .config/dotnet-tools.json), runs BenchmarkDotNet for the core, writes");
        md.AppendLine("`out/bench/results.json` and rewrites this page from it. It is sized to take well under ten");
        md.AppendLine("minutes on a quiet 2-core machine, build included; the table below says how long this run took.");
        md.AppendLine("`-- --quick` instead of `-- --full` is a smoke run (small counts, one round, no BenchmarkDotNet)");
        md.AppendLine("that writes the same keys to `out/bench/results.json` and `out/bench/performance.md`; CI runs it");
        md.AppendLine("as a test, only to prove the benchmark still works. Speed is never asserted in a unit test.");
        md.AppendLine("`-- --render-from out/bench/results.json` redraws this page from a results file without measuring.");
        md.AppendLine();

        WriteWarnings(md, results);
        WriteRun(md, results);
        WriteRatios(md, results);
        WriteRawFigures(md, results);
        WriteMethod(md);
        WriteBenchmarkDotNet(md, results);
        return md.ToString();
    }

    private static void WriteWarnings(StringBuilder md, BenchResults results)
    {
        if (results.Mode != "full")
        {
            md.AppendLine("> **A quick (smoke) run.** Its counts are small and it has one round: its figures show that");
            md.AppendLine("> every scenario runs, not how fast anything is. Only a full run's numbers mean something.");
            md.AppendLine();
        }
        if (results.Machine.Loaded)
        {
            md.AppendLine($"> **Taken on a loaded machine.** The load average was {Load(results.Machine.LoadAverageAtStart)} on");
            md.AppendLine($"> {results.Machine.LogicalCores} cores before the run started, so other work competed with every figure");
            md.AppendLine("> below: the ratios are noisy and no target should be judged, or anything tuned, on them. Run it");
            md.AppendLine("> again on a quiet machine.");
            md.AppendLine();
        }
        if (!string.IsNullOrWhiteSpace(results.Note))
        {
            md.AppendLine($"> Note: {results.Note}");
            md.AppendLine();
        }
    }

    private static void WriteRun(StringBuilder md, BenchResults results)
    {
        MachineInfo m = results.Machine;
        md.AppendLine("## This run");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| Mode | {results.Mode} |");
        md.AppendLine($"| Started | {results.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {results.DurationSeconds.ToString("0", CultureInfo.InvariantCulture)} s |");
        md.AppendLine($"| Commit | {results.Commit ?? "unknown"} |");
        md.AppendLine($"| Machine | {m.Cpu ?? "unknown CPU"}, {m.LogicalCores} logical cores, {Number(m.MemoryGiB, "0.#")} GiB |");
        md.AppendLine($"| Operating system | {m.OperatingSystem} |");
        md.AppendLine($"| .NET | {m.DotnetRuntime} (SDK {m.DotnetSdk ?? "unknown"}) |");
        md.AppendLine($"| PowerShell | {m.Pwsh ?? "unknown"} |");
        md.AppendLine($"| FunnelFlux module | {m.ModuleVersion ?? "unknown"} |");
        if (m.BenchmarkDotNet is not null)
        {
            md.AppendLine($"| BenchmarkDotNet | {m.BenchmarkDotNet} |");
        }
        md.AppendLine($"| Load average (1, 5, 15 min) | {Load(m.LoadAverageAtStart)} at the start, {Load(m.LoadAverageAtEnd)} at the end |");
        md.AppendLine();
    }

    private static void WriteRatios(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Ratios");
        md.AppendLine();
        md.AppendLine("Each key is the median over rounds of a ratio taken within one round. All keys are");
        md.AppendLine("candidate / baseline, so lower is better, except `throttle8_speedup` and `throttle16_speedup`");
        md.AppendLine("(serial time / throttled time) and `ids_core_vs_reference` (our rate / the reference's rate),");
        md.AppendLine("where higher is better. Targets are the issue's: a *gap to close*, or a strength to *keep*.");
        md.AppendLine();
        md.AppendLine("| Key | Median | Better | Target | Met | Per round | Candidate | Baseline |");
        md.AppendLine("|---|---:|---|---|---|---|---|---|");
        foreach (RatioDefinition definition in RatioCatalog.All)
        {
            if (!results.Ratios.TryGetValue(definition.Key, out RatioResult? ratio))
            {
                md.AppendLine($"| `{definition.Key}` | – | {definition.Direction} | {definition.TargetText} ({definition.TargetKind}) | not measured | | {definition.Candidate} | {definition.Baseline} |");
                continue;
            }
            string perRound = string.Join(", ", ratio.PerRound.Select(r => Number(r, "0.00")));
            md.AppendLine($"| `{definition.Key}` | {Number(ratio.Value, "0.00")} | {ratio.Direction} | {Escape(ratio.Target)} ({ratio.TargetKind}) | {(ratio.Met ? "yes" : "**no**")} | {perRound} | {Escape(ratio.Candidate)} | {Escape(ratio.Baseline)} |");
        }
        md.AppendLine();
        WriteFloor(md, results, "perCall", "cmdlet_floor_us", "httpclient_us", "per_call_vs_httpclient",
            "a compiled cmdlet that does nothing but the same raw GET, blocking on it, takes");
        WriteFloor(md, results, "perCall", "cmdlet_sync_us", "httpclient_us", "per_call_vs_httpclient",
            "the same cmdlet making that GET synchronously instead (HttpClient.Send on the pipeline thread, so no pool thread and no wait) takes");
        WriteFloor(md, results, "ids", "fresh_limit_ms", "emit_limit_ms", "ids_1m_vs_emit_limit",
            "the same trivial cmdlet writing as many newly made strings of the same length (every new ID is a new string, and the collected output keeps each alive) takes");
        WriteFloor(md, results, "testId", "pipeline_floor_ms", "array_ms", "testid_pipe_vs_array",
            "piping the same IDs through Write-Output, which does nothing per item, takes");
        WriteFloor(md, results, "testId", "answer_floor_ms", "array_ms", "testid_pipe_vs_array",
            "a trivial compiled cmdlet that takes each piped ID on one plain parameter and writes a new boolean for it, checking nothing (what any cmdlet that answers each piped item pays), takes");
        WriteFloor(md, results, "testId", "shape_floor_ms", "array_ms", "testid_pipe_vs_array",
            "the same trivial cmdlet declared with exactly Test-FFAssetId's parameters (piped items bind to -InputObject, in a parameter set of their own beside -Id's and -Property's) takes");
        if (results.Rounds.TryGetValue("coreIds", out var idRounds) && idRounds.All(r => r.ContainsKey("core_vs_reference_node")))
        {
            double node = Statistics.Median(idRounds.Select(r => r["core_vs_reference_node"]));
            md.AppendLine("`ids_core_vs_reference` divides by the rate of the plain C# port. The issue's own figure was taken");
            md.AppendLine("against the reference algorithm in node; measured in the same rounds, the core's rate over node's is");
            md.AppendLine($"{Number(node, "0.00")} (informational, not a key: node runs in its own process).");
            md.AppendLine();
        }
    }

    /// <summary>
    /// What PowerShell itself costs on the same baseline in the same rounds, so a key's distance
    /// from its target can be read against the part no module can remove (informational, not a key).
    /// </summary>
    private static void WriteFloor(StringBuilder md, BenchResults results, string scenario, string floor, string baseline, string key, string what)
    {
        if (!results.Rounds.TryGetValue(scenario, out var rounds) || rounds.Count == 0 || !rounds.All(r => r.ContainsKey(floor) && r.ContainsKey(baseline) && r[baseline] > 0))
        {
            return;
        }
        double ratio = Statistics.Median(rounds.Select(r => r[floor] / r[baseline]));
        md.AppendLine($"For `{key}`: {what} {Number(ratio, "0.00")} times the baseline, median over the same rounds");
        md.AppendLine("(informational, not a key).");
        md.AppendLine();
    }

    private static void WriteRawFigures(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Raw figures");
        md.AppendLine();
        md.AppendLine("Medians over rounds of what each round measured; every round's figures are in");
        md.AppendLine("`out/bench/results.json` under `rounds`.");
        md.AppendLine();
        var sections = new (string Scenario, string Title, (string Figure, string Label, string Format)[] Figures)[]
        {
            ("perCall", "One domain per call (µs per call)", new[]
            {
                ("candidate_us", "Get-FFDomain -Domain <name>", "0"),
                ("invoke_restmethod_us", "Invoke-RestMethod", "0"),
                ("httpclient_us", "raw HttpClient GET", "0"),
                ("cmdlet_floor_us", "a compiled cmdlet doing only that GET (informational)", "0"),
                ("cmdlet_sync_us", "the same cmdlet, GET made synchronously (informational)", "0"),
            }),
            ("list", "The whole list (ms per list)", new[]
            {
                ("domains", "domains in the list", "0"),
                ("bytes", "bytes in the answer", "0"),
                ("candidate_ms", "Get-FFDomain", "0.0"),
                ("raw_ms", "raw HttpClient GET of the bytes", "0.0"),
            }),
            ("ids", "New-FFAssetId (ms per call)", new[]
            {
                ("ids", "IDs per call", "0"),
                ("candidate_ms", "New-FFAssetId -Count", "0"),
                ("emit_limit_ms", "pipeline limit (ready-made strings)", "0"),
                ("fresh_limit_ms", "the same, writing newly made strings (informational)", "0"),
            }),
            ("coreIds", "The core's generator (IDs per second)", new[]
            {
                ("ids", "IDs per run", "0"),
                ("core_ids_per_second", "core, shared generator", "N0"),
                ("reference_ids_per_second", "reference port", "N0"),
                ("reference_node_ids_per_second", "reference algorithm in node (informational)", "N0"),
                ("core_vs_reference_node", "core rate / node rate (informational)", "0.00"),
            }),
            ("testId", "Test-FFAssetId (ms)", new[]
            {
                ("ids", "IDs", "0"),
                ("pipe_ms", "$ids | Test-FFAssetId", "0"),
                ("array_ms", "Test-FFAssetId -Id $ids", "0"),
                ("pipeline_floor_ms", "$ids | Write-Output (informational)", "0"),
                ("answer_floor_ms", "$ids | a trivial cmdlet answering each item (informational)", "0"),
                ("shape_floor_ms", "the same, with Test-FFAssetId's parameters (informational)", "0"),
            }),
            ("import", "Import-Module in a fresh pwsh (ms)", new[]
            {
                ("funnelflux_import_ms", "FunnelFlux, inside the process", "0.0"),
                ("psresourceget_import_ms", "PSResourceGet, inside the process", "0.0"),
                ("funnelflux_process_ms", "FunnelFlux, whole pwsh process", "0"),
                ("psresourceget_process_ms", "PSResourceGet, whole pwsh process", "0"),
            }),
            ("throttle", "Get-FFDomain | Test-FFDomain with latency (ms, and requests in flight)", new[]
            {
                ("domains", "domains", "0"),
                ("latency_ms", "latency per request (ms)", "0"),
                ("serial_ms", "serial", "0"),
                ("throttle8_ms", "-ThrottleLimit 8", "0"),
                ("throttle16_ms", "-ThrottleLimit 16", "0"),
                ("serial_max_in_flight", "most in flight, serial (limit 1)", "0"),
                ("throttle8_max_in_flight", "most in flight, -ThrottleLimit 8", "0"),
                ("throttle16_max_in_flight", "most in flight, -ThrottleLimit 16", "0"),
            }),
        };
        foreach (var (scenario, title, figures) in sections)
        {
            if (!results.Rounds.TryGetValue(scenario, out var rounds) || rounds.Count == 0)
            {
                continue;
            }
            md.AppendLine($"### {title}");
            md.AppendLine();
            md.AppendLine("| | Median | Rounds |");
            md.AppendLine("|---|---:|---:|");
            foreach (var (figure, label, format) in figures)
            {
                double[] values = rounds.Where(r => r.ContainsKey(figure)).Select(r => r[figure]).ToArray();
                if (values.Length == 0)
                {
                    continue;
                }
                // The most ever in flight is a maximum over runs, not a median: the limit holds for every run.
                bool isMaximum = figure.EndsWith("_max_in_flight", StringComparison.Ordinal);
                double shown = isMaximum ? values.Max() : Statistics.Median(values);
                md.AppendLine($"| {Escape(label)}{(isMaximum ? " (maximum)" : "")} | {Number(shown, format)} | {values.Length} |");
            }
            md.AppendLine();
        }
    }

    private static void WriteMethod(StringBuilder md)
    {
        md.AppendLine("## How it is measured");
        md.AppendLine();
        md.AppendLine("- **Rounds.** Within a round, candidate and baseline run back to back in the same process, in");
        md.AppendLine("  the same warm state, and their ratio is taken; the key is the median of the rounds' ratios.");
        md.AppendLine("  The order of the contenders alternates from one round to the next, each timed block starts");
        md.AppendLine("  after a garbage collection, and every scenario is warmed up (and checked to return the right");
        md.AppendLine("  result) before its first round.");
        md.AppendLine("- **Emulators.** Two emulator processes on 127.0.0.1, started with `--port 0 --ready-file");
        md.AppendLine("  --quiet`: one without latency for the per-call and list scenarios, one with `--latency 50`");
        md.AppendLine("  for throttling. Domains are seeded through `POST /_emulator/domains`.");
        md.AppendLine("- **Per call.** In one pwsh, a loop of `Get-FFDomain -Domain <name>` against a loop of");
        md.AppendLine("  `Invoke-RestMethod` of the same URL with the Bearer header, and a loop of");
        md.AppendLine("  `HttpClient.GetStringAsync` on one client, each round's calls of each kind made in ten");
        md.AppendLine("  interleaved slices so that all kinds share the machine's moments. Informational: a trivial compiled cmdlet (compiled");
        md.AppendLine("  with Add-Type) that makes that same GET and blocks on it, and the same cmdlet with");
        md.AppendLine("  `-Synchronous`, which makes it with `HttpClient.Send` on the pipeline thread.");
        md.AppendLine("- **List.** `Get-FFDomain` over the whole seeded account against `HttpClient.GetByteArrayAsync`");
        md.AppendLine("  of the same list URL (the same bytes, not parsed).");
        md.AppendLine("- **IDs.** `New-FFAssetId -Count N` against a trivial compiled cmdlet (compiled with Add-Type)");
        md.AppendLine("  that writes N ready-made strings, one `WriteObject` each, as New-FFAssetId does: the pipeline");
        md.AppendLine("  limit. Informational: the same cmdlet with `-Fresh` writes N newly made strings of the same");
        md.AppendLine("  length (copies of one), which is what writing N strings costs when each one is new, as every");
        md.AppendLine("  ID is. The core's shared generator is also timed in the harness's own process, read in batches");
        md.AppendLine("  as New-FFAssetId reads it, against a plain port of the documented reference algorithm");
        md.AppendLine("  (Math.random-style, no de-duplication).");
        md.AppendLine("- **Test-FFAssetId.** The same N generated IDs, piped one by one against passed as `-Id`.");
        md.AppendLine("  Informational: the same IDs piped through `Write-Output`, and through a trivial compiled cmdlet");
        md.AppendLine("  (compiled with Add-Type) that takes each item on one `PSObject` parameter and writes a new");
        md.AppendLine("  boolean for it without checking anything, and through the same cmdlet declared with exactly");
        md.AppendLine("  Test-FFAssetId's parameters (checked against `Get-Command Test-FFAssetId` before timing).");
        md.AppendLine("- **Import.** Each sample is a fresh `pwsh -NoProfile` that has loaded neither module, timing");
        md.AppendLine("  `Import-Module <manifest path>` inside itself; FunnelFlux and PSResourceGet alternate, several");
        md.AppendLine("  processes per round, and a round's ratio is that of the two medians.");
        md.AppendLine("- **Throttling.** `Get-FFDomain | Test-FFDomain` over the seeded domains, serial and with");
        md.AppendLine("  `-ThrottleLimit 8` and `16`. Before each run the emulator's in-flight maximum is reset; after");
        md.AppendLine("  it, `GET /_emulator/stats` gives `maxInFlight`, and a run that ever exceeded its limit fails");
        md.AppendLine("  the whole benchmark.");
        md.AppendLine("- **BenchmarkDotNet** (below) gives the core's detailed figures: means, allocations and its own");
        md.AppendLine("  Ratio column, with the in-process toolchain and a short job. The ratio keys above come from");
        md.AppendLine("  the round-based harness, not from these tables.");
        md.AppendLine();
    }

    private static void WriteBenchmarkDotNet(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Core figures (BenchmarkDotNet)");
        md.AppendLine();
        if (results.BenchmarkDotNet.Count == 0)
        {
            md.AppendLine("Not run in this mode; a full run adds them here.");
            md.AppendLine();
            return;
        }
        foreach (BdnReport report in results.BenchmarkDotNet)
        {
            md.AppendLine($"### {report.Title}");
            md.AppendLine();
            md.AppendLine(report.Markdown);
            md.AppendLine();
        }
    }

    private static string Load(double[]? load) =>
        load is null ? "unknown" : string.Join(", ", load.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

    private static string Number(double? value, string format) =>
        value is null ? "unknown" : value.Value.ToString(format, CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
