using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>
/// One emulator process (dotnet FunnelFlux.Emulator.dll beside this harness) on a free loopback
/// port, with its ready file. Its banner holds the demo tokens, so its output is kept, never shown.
/// </summary>
public sealed class EmulatorInstance : IDisposable
{
    private readonly HttpClient _control = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private EmulatorInstance(Process process, StringBuilder stderr, string readyFile, Uri apiUri, Uri controlUri)
    {
        _process = process;
        _stderr = stderr;
        ReadyFile = readyFile;
        ApiUri = apiUri;
        ControlUri = controlUri;
    }

    /// <summary>The JSON line the emulator wrote: apiUri, controlUri, the demo tokens, pid.</summary>
    public string ReadyFile { get; }

    public Uri ApiUri { get; }

    public Uri ControlUri { get; }

    public static async Task<EmulatorInstance> StartAsync(ChildProcesses children, string workFolder, string name, int latencyMs = 0)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "FunnelFlux.Emulator.dll");
        if (!File.Exists(dll))
        {
            throw new BenchmarkFailedException($"The emulator is missing beside the harness ({dll}); build tests/FunnelFlux.Benchmarks again.");
        }
        string readyFile = Path.Combine(workFolder, name + ".ready.json");
        var info = new ProcessStartInfo(Dotnet.Host) { RedirectStandardInput = true, WorkingDirectory = workFolder };
        foreach (string arg in new[] { dll, "--port", "0", "--quiet", "--exit-on-stdin-close", "--ready-file", readyFile })
        {
            info.ArgumentList.Add(arg);
        }
        if (latencyMs > 0)
        {
            info.ArgumentList.Add("--latency");
            info.ArgumentList.Add(latencyMs.ToString(CultureInfo.InvariantCulture));
        }
        var stderr = new StringBuilder();
        // Standard input stays open (and unused) for the emulator's life: it stops when it closes.
        Process process = children.Start(info, new StringBuilder(), stderr);

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(readyFile))
        {
            if (process.HasExited)
            {
                throw new BenchmarkFailedException($"The {name} emulator exited with code {process.ExitCode} before it was ready.\n{ChildProcesses.Tail(stderr)}");
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new BenchmarkFailedException($"The {name} emulator was not ready within 90 s.\n{ChildProcesses.Tail(stderr)}");
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        using JsonDocument ready = JsonDocument.Parse(await File.ReadAllTextAsync(readyFile).ConfigureAwait(false));
        var apiUri = new Uri(ready.RootElement.GetProperty("apiUri").GetString()!);
        var controlUri = new Uri(ready.RootElement.GetProperty("controlUri").GetString()!.TrimEnd('/') + "/");
        return new EmulatorInstance(process, stderr, readyFile, apiUri, controlUri);
    }

    /// <summary>Seeds <paramref name="count"/> active domains bench-00000.example.com, ... into the demo account.</summary>
    public async Task SeedDomainsAsync(int count)
    {
        var names = Enumerable.Range(0, count).Select(DomainName);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (name, token) =>
        {
            using HttpResponseMessage response = await _control.PostAsJsonAsync(new Uri(ControlUri, "domains"), new { name, state = "active" }, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchmarkFailedException($"Seeding {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token).ConfigureAwait(false)}");
            }
        }).ConfigureAwait(false);
    }

    public static string DomainName(int index) => $"bench-{index:00000}.example.com";

    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new BenchmarkFailedException($"An emulator stopped during the run (exit code {_process.ExitCode}).\n{ChildProcesses.Tail(_stderr)}");
        }
    }

    public void Dispose()
    {
        _control.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                // Closing standard input is the emulator's documented way to stop; kill it if it lingers.
                _process.StandardInput.Close();
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
    }
}
