using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>
/// Every process the run starts goes through here, so that none outlives it: they are killed (with
/// their children) when the run ends, fails, or is stopped with Ctrl+C or SIGTERM. The emulators
/// also watch their standard input, which closes however this process dies.
/// </summary>
public sealed class ChildProcesses : IDisposable
{
    private readonly List<Process> _started = new();
    private readonly List<PosixSignalRegistration> _signals = new();

    public ChildProcesses()
    {
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                Console.Error.WriteLine($"Benchmark stopped ({context.Signal}); ending the processes it started.");
                StopAll();
                AfterSignal?.Invoke();
            }));
        }
    }

    /// <summary>Runs after a signal has ended the processes (the process then exits without unwinding).</summary>
    public Action? AfterSignal { get; set; }

    /// <summary>Ids of every process started so far.</summary>
    public IReadOnlyList<int> Ids
    {
        get
        {
            lock (_started)
            {
                return _started.Select(p => p.Id).ToList();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="info"/> with output collected into the given builders; standard
    /// output is echoed to the console only when <paramref name="echo"/> says so.
    /// </summary>
    public Process Start(ProcessStartInfo info, StringBuilder? stdout = null, StringBuilder? stderr = null, bool echo = false)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            Append(stdout, e.Data);
            if (echo && e.Data is not null)
            {
                Console.WriteLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        lock (_started)
        {
            process.Start();
            _started.Add(process);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a process to its end within <paramref name="timeout"/>; kills it and fails when it takes longer.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)> RunAsync(ProcessStartInfo info, TimeSpan timeout, string what, bool echo = false)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var watch = Stopwatch.StartNew();
        Process process = Start(info, stdout, stderr, echo);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new BenchmarkFailedException($"{what} did not finish within {timeout.TotalSeconds:0} s and was stopped.\n{Tail(stderr)}");
        }
        watch.Stop();
        // WaitForExitAsync returns once the output has been read to its end.
        return (process.ExitCode, Read(stdout), Read(stderr), watch.Elapsed);
    }

    /// <summary>Kills whatever is still running, children included, and waits for it.</summary>
    public void StopAll()
    {
        List<Process> started;
        lock (_started)
        {
            started = _started.ToList();
        }
        foreach (Process process in started)
        {
            Kill(process);
        }
    }

    public void Dispose()
    {
        StopAll();
        foreach (PosixSignalRegistration signal in _signals)
        {
            signal.Dispose();
        }
        lock (_started)
        {
            foreach (Process process in _started)
            {
                process.Dispose();
            }
        }
    }

    public static string Tail(StringBuilder text, int lines = 30)
    {
        string[] all = Read(text).Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // It went while we were killing it.
        }
    }

    private static void Append(StringBuilder? target, string? line)
    {
        if (target is null || line is null)
        {
            return;
        }
        lock (target)
        {
            target.AppendLine(line);
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
