using System.Diagnostics;
using System.Text;

namespace FunnelFlux.Emulator.Tests;

/// <summary>
/// The emulator as a separate process (dotnet FunnelFlux.Emulator.dll from this test's output),
/// the way scripts and other test suites run it. Output is collected as it comes; disposing kills
/// the process if it is still running.
/// </summary>
internal sealed class EmulatorProcess : IDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private EmulatorProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static EmulatorProcess Start(params string[] args) => Start(Dotnet, new[] { Path.Combine(AppContext.BaseDirectory, "FunnelFlux.Emulator.dll") }.Concat(args), null);

    public static EmulatorProcess Start(string fileName, IEnumerable<string> args, string? workingDirectory, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            info.Environment[variable.Key] = variable.Value;
        }

        var process = new Process { StartInfo = info };
        var started = new EmulatorProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(started._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(started._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the exit (bounded) and for the output to be drained; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The emulator did not exit within {timeout}. Output: {Stdout} {Stderr}");
        }

        return Process.ExitCode;
    }

    /// <summary>Sends a POSIX signal with kill(1) (a process this test started, by its id).</summary>
    public async Task SignalAsync(string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", new[] { "-" + signal, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It never started.
        }

        Process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
