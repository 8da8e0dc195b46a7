using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FunnelFlux.PowerShell.Tests.Support;

/// <summary>
/// A real terminal for interactive programs: a private tmux server (its own socket) running one
/// command in a 200x50 window. Tests type into it, press Ctrl+C, and read the screen as a person
/// would. Disposing kills that tmux server and whatever still runs in it.
/// </summary>
public sealed class Terminal : IDisposable
{
    private const string Session = "ff";
    private const string ExitMarker = "[terminal command exited ";
    private readonly string _socket;
    private readonly IsolatedProfile _profile;

    private Terminal(IsolatedProfile profile, string socket)
    {
        _profile = profile;
        _socket = socket;
    }

    /// <summary>Whether tmux is on this machine (it is on the project's CI image).</summary>
    public static bool Available { get; } = !OperatingSystem.IsWindows() && Which("tmux") is not null;

    /// <summary>Starts <paramref name="command"/> (a POSIX shell command line) in <paramref name="workingDirectory"/>.</summary>
    public static async Task<Terminal> StartAsync(IsolatedProfile profile, string workingDirectory, string command)
    {
        var terminal = new Terminal(profile, Path.Combine(profile.Root, "tmux.sock"));
        // The pane stays after the command ends, showing its exit code, until the test reads it.
        string wrapped = $"{command}; echo '{ExitMarker}'$?']'; exec sleep 3600";
        ProcessResult started = await terminal.TmuxAsync("-f", "/dev/null", "new-session", "-d", "-s", Session, "-x", "200", "-y", "50", "-c", workingDirectory, wrapped).ConfigureAwait(false);
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException("tmux could not start: " + started.Describe());
        }
        return terminal;
    }

    /// <summary>Everything the terminal has shown so far (its whole scrollback), as plain text.</summary>
    public async Task<string> ScreenAsync() =>
        (await TmuxAsync("capture-pane", "-p", "-J", "-S", "-", "-t", Session).ConfigureAwait(false)).StdOut;

    /// <summary>Waits until the screen matches <paramref name="pattern"/>; returns the match.</summary>
    public async Task<Match> WaitForAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline);
        var watch = Stopwatch.StartNew();
        string screen = string.Empty;
        while (watch.Elapsed < timeout)
        {
            screen = await ScreenAsync().ConfigureAwait(false);
            if (regex.Match(screen) is { Success: true } match)
            {
                return match;
            }
            await Task.Delay(250).ConfigureAwait(false);
        }
        throw new TimeoutException($"The terminal did not show /{pattern}/ within {timeout.TotalSeconds} s. It shows:\n{screen}");
    }

    /// <summary>Waits for the command to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        Match exited = await WaitForAsync(Regex.Escape(ExitMarker) + @"(\d+)\]", timeout).ConfigureAwait(false);
        return int.Parse(exited.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Types <paramref name="line"/> and Enter.</summary>
    public async Task TypeLineAsync(string line)
    {
        await TmuxAsync("send-keys", "-t", Session, "-l", line).ConfigureAwait(false);
        await TmuxAsync("send-keys", "-t", Session, "Enter").ConfigureAwait(false);
    }

    /// <summary>Presses Ctrl+C: the terminal sends SIGINT to its foreground process group.</summary>
    public Task CtrlCAsync() => TmuxAsync("send-keys", "-t", Session, "C-c");

    private Task<ProcessResult> TmuxAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux");
        start.ArgumentList.Add("-S");
        start.ArgumentList.Add(_socket);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        _profile.Apply(start);
        start.Environment["TERM"] = "xterm-256color";
        return ProcessRun.RunAsync(start, TimeSpan.FromSeconds(30));
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, program))
        .FirstOrDefault(File.Exists);

    public void Dispose()
    {
        try
        {
            TmuxAsync("kill-server").GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
