using System.Diagnostics;
using System.Reflection;
using FunnelFlux.Benchmarks.Bdn;
using FunnelFlux.Benchmarks.Core;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>
/// One benchmark run from start to end: emulators, the core rounds, the pwsh part, the imports,
/// BenchmarkDotNet (full runs), then results.json and the report. Every process it starts is
/// ended before it returns, whether it succeeds or fails.
/// </summary>
public sealed class BenchmarkRun(BenchOptions options)
{
    public static string HarnessConfiguration =>
        typeof(BenchmarkRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    public string ResultsPath => options.ResultsPath ?? Path.Combine(Dotnet.RepoRoot, "out", "bench", "results.json");

    public string ReportPath => options.ReportPath ?? (options.Mode == BenchMode.Full
        ? Path.Combine(Dotnet.RepoRoot, "docs", "performance.md")
        : Path.Combine(Dotnet.RepoRoot, "out", "bench", "performance.md"));

    public async Task<BenchResults> ExecuteAsync()
    {
        var clock = Stopwatch.StartNew();
        BenchPlan plan = BenchPlan.For(options.Mode);
        var results = new BenchResults
        {
            Mode = options.Mode == BenchMode.Full ? "full" : "quick",
            StartedAt = DateTimeOffset.UtcNow,
            Note = options.Note,
            Machine = MachineProbe.Describe(),
            Plan = plan,
        };
        if (options.Mode == BenchMode.Full && HarnessConfiguration != "Release")
        {
            throw new BenchmarkFailedException($"A full run needs a Release build (this one is {HarnessConfiguration}): dotnet run -c Release --project tests/FunnelFlux.Benchmarks -- --full");
        }
        if (!File.Exists(EndToEndRunner.ModuleManifest))
        {
            throw new BenchmarkFailedException($"The module is not laid out at {EndToEndRunner.ModuleManifest}; build the solution (or run this project with dotnet run, which builds it).");
        }
        results.Commit = MachineProbe.Commit();
        results.Machine.DotnetSdk = MachineProbe.Ask(Dotnet.Host, "--version");
        results.Machine.BenchmarkDotNet = options.RunBenchmarkDotNet ? BdnRunner.Version : null;

        string workFolder = Path.Combine(Path.GetTempPath(), "ffbench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workFolder);
        using var children = new ChildProcesses { AfterSignal = () => TryDelete(workFolder) };
        try
        {
            Step($"Finding the pinned pwsh; starting two emulators: {plan.ListDomains} domains without latency, {plan.ThrottleDomains} with {plan.ThrottleLatencyMs} ms");
            Task<PwshTool> findPwsh = PwshTool.ResolveAsync(children);
            Task<EmulatorInstance> startList = EmulatorInstance.StartAsync(children, workFolder, "list");
            Task<EmulatorInstance> startThrottle = EmulatorInstance.StartAsync(children, workFolder, "throttle", plan.ThrottleLatencyMs);
            // WhenAll waits for all three even when one fails; the finally below ends whatever started.
            await Task.WhenAll(findPwsh, startList, startThrottle).ConfigureAwait(false);
            PwshTool pwsh = await findPwsh.ConfigureAwait(false);
            using EmulatorInstance list = await startList.ConfigureAwait(false);
            using EmulatorInstance throttle = await startThrottle.ConfigureAwait(false);
            await Task.WhenAll(list.SeedDomainsAsync(plan.ListDomains), throttle.SeedDomainsAsync(plan.ThrottleDomains)).ConfigureAwait(false);

            Step($"Core IDs: the shared generator against the reference port, {plan.Rounds} round(s) of {plan.CoreIds:N0}");
            var (idRatios, idRounds) = await CoreRounds.MeasureIdsAsync(plan, children).ConfigureAwait(false);
            RatioComputation.Add(results, "ids_core_vs_reference", idRatios);
            results.Rounds["coreIds"] = idRounds;

            Step("The pwsh part (EndToEnd.ps1)");
            var endToEnd = new EndToEndRunner(children, pwsh, workFolder);
            // Only a guard against a hang: a loaded machine can take several times as long as a quiet one.
            TimeSpan scriptTimeout = options.Mode == BenchMode.Full ? TimeSpan.FromMinutes(45) : TimeSpan.FromMinutes(10);
            EndToEndFigures figures = await endToEnd.RunScriptAsync(plan, list, throttle, scriptTimeout).ConfigureAwait(false);
            list.EnsureRunning();
            throttle.EnsureRunning();
            results.Machine.Pwsh = figures.PwshVersion;
            results.Machine.ModuleVersion = $"{figures.ModuleVersion} ({figures.ModuleConfiguration} build)";
            if (options.Mode == BenchMode.Full && figures.ModuleConfiguration != "Release")
            {
                throw new BenchmarkFailedException($"out/FunnelFlux holds a {figures.ModuleConfiguration} build of the module; a full run measures a Release build (dotnet run -c Release builds it).");
            }
            AddEndToEndRatios(results, figures);

            Step($"Import-Module in fresh pwsh processes: {plan.ImportRounds} round(s) of {plan.ImportsPerRound} per module");
            var (importRatios, importRounds) = await endToEnd.MeasureImportsAsync(plan).ConfigureAwait(false);
            RatioComputation.Add(results, "import_vs_psresourceget", importRatios);
            results.Rounds["import"] = importRounds;

            if (options.RunBenchmarkDotNet)
            {
                Step("BenchmarkDotNet: the core's detailed figures");
                string readyText = await File.ReadAllTextAsync(list.ReadyFile).ConfigureAwait(false);
                using (var ready = System.Text.Json.JsonDocument.Parse(readyText))
                {
                    BenchEnvironment.Current = new BenchEnvironment(
                        list.ApiUri,
                        ready.RootElement.GetProperty("accessToken").GetString()!,
                        ready.RootElement.GetProperty("refreshToken").GetString()!,
                        EmulatorInstance.DomainName(0));
                }
                results.BenchmarkDotNet = BdnRunner.Run(Path.Combine(Dotnet.RepoRoot, "out", "bench", "bdn"));
                list.EnsureRunning();
            }
        }
        finally
        {
            children.StopAll();
            results.ChildProcessIds = children.Ids.ToList();
            TryDelete(workFolder);
        }

        results.Machine.LoadAverageAtEnd = MachineProbe.LoadAverage();
        results.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        EnsureEveryKey(results);
        results.Save(ResultsPath);
        PerformanceReport.Write(results, ReportPath);
        Step($"Wrote {ResultsPath} and {ReportPath} in {results.DurationSeconds:0} s");
        return results;
    }

    private static void AddEndToEndRatios(BenchResults results, EndToEndFigures figures)
    {
        var perCall = figures.Rounds["perCall"];
        var list = figures.Rounds["list"];
        var ids = figures.Rounds["ids"];
        var testId = figures.Rounds["testId"];
        var throttle = figures.Rounds["throttle"];
        RatioComputation.EnsureThrottleLimitsHeld(throttle);

        RatioComputation.Add(results, "per_call_vs_httpclient", RatioComputation.PerRound(perCall, "candidate_us", "httpclient_us", "per_call_vs_httpclient"));
        RatioComputation.Add(results, "per_call_vs_invoke_restmethod", RatioComputation.PerRound(perCall, "candidate_us", "invoke_restmethod_us", "per_call_vs_invoke_restmethod"));
        RatioComputation.Add(results, "list5000_vs_raw", RatioComputation.PerRound(list, "candidate_ms", "raw_ms", "list5000_vs_raw"));
        RatioComputation.Add(results, "ids_1m_vs_emit_limit", RatioComputation.PerRound(ids, "candidate_ms", "emit_limit_ms", "ids_1m_vs_emit_limit"));
        RatioComputation.Add(results, "testid_pipe_vs_array", RatioComputation.PerRound(testId, "pipe_ms", "array_ms", "testid_pipe_vs_array"));
        RatioComputation.Add(results, "throttle8_speedup", RatioComputation.PerRound(throttle, "serial_ms", "throttle8_ms", "throttle8_speedup"));
        RatioComputation.Add(results, "throttle16_speedup", RatioComputation.PerRound(throttle, "serial_ms", "throttle16_ms", "throttle16_speedup"));
        foreach (var (scenario, rounds) in figures.Rounds)
        {
            results.Rounds[scenario] = rounds;
        }
    }

    private static void EnsureEveryKey(BenchResults results)
    {
        string[] missing = RatioCatalog.All.Select(d => d.Key).Where(k => !results.Ratios.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
        {
            throw new BenchmarkFailedException("The run produced no value for " + string.Join(", ", missing) + ".");
        }
    }

    private static void Step(string text) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {text}");

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is in the temp directory and holds demo tokens only.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
