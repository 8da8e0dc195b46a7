using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace FunnelFlux.Try;

/// <summary>
/// The emulator, run as a child process with sample domains on a free loopback port. It holds our
/// end of its standard input: when this program ends in any way, the pipe closes and the emulator
/// (started with --exit-on-stdin-close) stops by itself.
/// </summary>
internal sealed class EmulatorChild : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A new domain is ready at its 2nd refresh: -Wait shows one real pause (30 s with -Interval 30), not minutes.</summary>
    public const int RefreshesUntilActive = 2;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EmulatorChild(Process process, ReadyInfo ready)
    {
        _process = process;
        Ready = ready;
    }

    public ReadyInfo Ready { get; private set; }

    public int ProcessId => _process.Id;

    public static EmulatorChild Start(string readyFile)
    {
        ProcessStartInfo start = OwnSessionStart();
        start.ArgumentList.Add(TryLayout.EmulatorProgram);
        foreach (string argument in new[] { "--port", "0", "--seed-samples", "--refreshes-until-active", RefreshesUntilActive.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet", "--exit-on-stdin-close", "--ready-file", readyFile })
        {
            start.ArgumentList.Add(argument);
        }
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetDirectoryName(TryLayout.EmulatorProgram)!;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator.");
        var child = new EmulatorChild(process, default!);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => child.TellIfUnexpected();
        try
        {
            child.Ready = child.WaitForReadyFile(readyFile);
            return child;
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Ctrl+C in the shell must stop the command that runs there, not the emulator: a terminal
    /// sends it to every process of its foreground group, so the emulator is started outside it
    /// (a new session with setsid where there is one, a new process group on Windows).
    /// </summary>
    private static ProcessStartInfo OwnSessionStart()
    {
        if (OperatingSystem.IsWindows())
        {
            return new ProcessStartInfo("dotnet") { CreateNewProcessGroup = true };
        }
        string? setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        if (setsid is null)
        {
            IsolatedFromCtrlC = false;
            return new ProcessStartInfo("dotnet");
        }
        var start = new ProcessStartInfo(setsid);
        start.ArgumentList.Add("dotnet");
        return start;
    }

    /// <summary>False where the emulator could not be kept out of the terminal's Ctrl+C.</summary>
    public static bool IsolatedFromCtrlC { get; private set; } = true;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private ReadyInfo WaitForReadyFile(string path)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The emulator stopped at once (exit code {_process.ExitCode}):\n{Output}");
            }
            if (File.Exists(path))
            {
                using JsonDocument ready = JsonDocument.Parse(File.ReadAllText(path));
                JsonElement root = ready.RootElement;
                return new ReadyInfo(
                    new Uri(root.GetProperty("apiUri").GetString()!),
                    root.GetProperty("accessToken").GetString()!,
                    root.GetProperty("refreshToken").GetString()!);
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"The emulator did not say it was ready within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private volatile bool _stopping;

    // Said at once, on the terminal the shell shares, so nobody is left wondering why commands fail.
    private void TellIfUnexpected()
    {
        if (!_stopping && Ready is not null)
        {
            Console.Error.WriteLine($"\nFunnelFlux try: the emulator stopped unexpectedly (exit code {_process.ExitCode}); commands cannot reach it now. Type 'exit' and run the try command again.");
        }
    }

    /// <summary>Closes its standard input (it stops by itself), and makes sure it is gone.</summary>
    public void Dispose()
    {
        _stopping = true;
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or is gone already.
        }
        _process.Dispose();
    }
}

/// <summary>What the emulator's ready file says: its API address and the demo account's tokens.</summary>
internal sealed record ReadyInfo(Uri ApiUri, string AccessToken, string RefreshToken);
