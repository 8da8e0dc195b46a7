using System.Diagnostics;
using System.Text;

namespace FunnelFlux.PowerShell.Tests.Support;

/// <summary>What a finished child process left behind.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StdOut, string StdErr, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>Everything, for a failure message.</summary>
    public string Describe() =>
        $"{Command}\nexit code {ExitCode}{(TimedOut ? " (killed: timed out)" : "")} after {Elapsed.TotalSeconds:0.0} s\n" +
        $"--- stdout ---\n{StdOut.TrimEnd()}\n--- stderr ---\n{StdErr.TrimEnd()}";
}

/// <summary>Runs a program to completion, bounded in time; a program that overruns is killed with its children.</summary>
public static class ProcessRun
{
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        string command = start.FileName + " " + string.Join(" ", start.ArgumentList.Select(a => a.Contains(' ') ? "'" + a + "'" : a));

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + command);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
        }
        process.StandardInput.Close();

        bool timedOut = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        // A grandchild that inherited the pipes could hold them open after the process exited.
        var drained = Task.WhenAll(stdout, stderr);
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None)).ConfigureAwait(false) != drained)
        {
            throw new InvalidOperationException($"{command} exited ({process.ExitCode}), but something it started still holds its output open.");
        }
        return new ProcessResult(command, process.ExitCode, stdout.Result, stderr.Result, timedOut, watch.Elapsed);
    }
}
