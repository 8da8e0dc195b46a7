using System.Diagnostics;
using System.Reflection;
using System.Text;
using FunnelFlux.Benchmarks.Harness;

namespace FunnelFlux.Benchmarks.Tests;

/// <summary>
/// The quick mode, run as a user runs the benchmark (the harness's own build, in its own process):
/// it must finish, write results.json with every ratio key as a finite positive number, render the
/// report, and leave no process behind. Nothing here is about speed.
/// </summary>
public class QuickModeSmokeTests
{
    [Fact]
    public async Task QuickModeWritesEveryKeyAndTheReportAndLeavesNoProcessBehind()
    {
        string folder = Path.Combine(Path.GetTempPath(), "ffbench-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string resultsPath = Path.Combine(folder, "results.json");
            string reportPath = Path.Combine(folder, "performance.md");
            var (exitCode, output) = await RunQuickModeAsync(resultsPath, reportPath);

            Assert.True(exitCode == 0, $"The quick run failed with exit code {exitCode}:\n{output}");
            BenchResults results = BenchResults.Load(resultsPath);
            Assert.Equal("quick", results.Mode);
            foreach (RatioDefinition definition in RatioCatalog.All)
            {
                Assert.True(results.Ratios.TryGetValue(definition.Key, out RatioResult? ratio), $"results.json has no {definition.Key}");
                Assert.True(double.IsFinite(ratio!.Value) && ratio.Value > 0, $"{definition.Key} = {ratio.Value}");
                Assert.NotEmpty(ratio.PerRound);
                Assert.All(ratio.PerRound, r => Assert.True(double.IsFinite(r) && r > 0, $"{definition.Key} round = {r}"));
                Assert.Equal(definition.Direction, ratio.Direction);
                Assert.Equal(definition.TargetText, ratio.Target);
            }

            string report = await File.ReadAllTextAsync(reportPath);
            Assert.StartsWith("# Performance\n\n```bash\n" + PerformanceReport.FullCommand + "\n```", report.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.All(RatioCatalog.All, d => Assert.Contains($"`{d.Key}`", report, StringComparison.Ordinal));

            // The informational floors are measured in every round and told under the ratios.
            foreach (var (scenario, figure, key) in new[]
            {
                ("perCall", "cmdlet_floor_us", "per_call_vs_httpclient"),
                ("perCall", "cmdlet_sync_us", "per_call_vs_httpclient"),
                ("ids", "fresh_limit_ms", "ids_1m_vs_emit_limit"),
                ("testId", "pipeline_floor_ms", "testid_pipe_vs_array"),
                ("testId", "answer_floor_ms", "testid_pipe_vs_array"),
                ("testId", "shape_floor_ms", "testid_pipe_vs_array"),
            })
            {
                Assert.True(results.Rounds.TryGetValue(scenario, out var rounds) && rounds.Count > 0, $"results.json has no {scenario} rounds");
                Assert.All(rounds!, round => Assert.True(round.TryGetValue(figure, out double value) && double.IsFinite(value) && value > 0, $"{scenario}.{figure} missing or not positive"));
                Assert.Contains($"For `{key}`:", report, StringComparison.Ordinal);
            }

            // Emulators and pwsh processes were all ended with the run.
            Assert.NotEmpty(results.ChildProcessIds);
            Assert.All(results.ChildProcessIds, id => Assert.False(IsRunning(id), $"process {id} outlived the benchmark run"));

            // The emulator's demo tokens pass through the run; they must not come out of it.
            string everything = output + await File.ReadAllTextAsync(resultsPath) + report;
            Assert.DoesNotContain("demo-access-token", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("demo-refresh-token", everything, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunQuickModeAsync(string resultsPath, string reportPath)
    {
        string harness = typeof(QuickModeSmokeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BenchmarksAssembly").Value!;
        Assert.True(File.Exists(harness), $"The benchmark harness is not built at {harness}.");
        var info = new ProcessStartInfo(Dotnet.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Dotnet.RepoRoot,
        };
        foreach (string arg in new[] { harness, "--quick", "--results", resultsPath, "--report", reportPath })
        {
            info.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(info)!;
        var output = new StringBuilder();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        // Bounded: the quick mode takes well under a minute on a quiet machine; this is headroom for a loaded one.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException("The quick benchmark run did not finish within 8 minutes:\n" + await stdout + await stderr);
        }
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>True when the process is still there and is still one of the run's (not a new one that got its id).</summary>
    private static bool IsRunning(int id)
    {
        try
        {
            using Process process = Process.GetProcessById(id);
            if (process.HasExited)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }
        string command;
        try
        {
            command = File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ');
        }
        catch (DirectoryNotFoundException)
        {
            return !OperatingSystem.IsLinux();
        }
        catch (FileNotFoundException)
        {
            return !OperatingSystem.IsLinux();
        }
        return command.Contains("FunnelFlux.Emulator", StringComparison.Ordinal)
            || command.Contains("pwsh", StringComparison.Ordinal)
            || command.Contains("tool restore", StringComparison.Ordinal);
    }
}
