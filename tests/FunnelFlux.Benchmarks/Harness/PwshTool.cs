using System.Diagnostics;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>
/// Real PowerShell: the pwsh local tool pinned in .config/dotnet-tools.json, found once through
/// `dotnet pwsh` (restored first if need be); every later process runs that same pwsh.dll with dotnet.
/// </summary>
public sealed class PwshTool
{
    private PwshTool(string dll, string version, string psResourceGetManifest)
    {
        Dll = dll;
        Version = version;
        PSResourceGetManifest = psResourceGetManifest;
    }

    public string Dll { get; }

    public string Version { get; }

    /// <summary>The manifest of the PSResourceGet that ships with this pwsh (the import baseline).</summary>
    public string PSResourceGetManifest { get; }

    /// <summary>Finds the pinned pwsh, running `dotnet tool restore` first only when it is not there yet.</summary>
    public static async Task<PwshTool> ResolveAsync(ChildProcesses children)
    {
        PwshTool? found = await TryFindAsync(children).ConfigureAwait(false);
        if (found is not null)
        {
            return found;
        }
        var restore = new ProcessStartInfo(Dotnet.Host) { WorkingDirectory = Dotnet.RepoRoot };
        restore.ArgumentList.Add("tool");
        restore.ArgumentList.Add("restore");
        var restored = await children.RunAsync(restore, TimeSpan.FromMinutes(5), "dotnet tool restore").ConfigureAwait(false);
        if (restored.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"dotnet tool restore failed (exit code {restored.ExitCode}); the pwsh part needs the tool pinned in .config/dotnet-tools.json.\n{restored.Stdout}{restored.Stderr}");
        }
        return await TryFindAsync(children).ConfigureAwait(false)
            ?? throw new BenchmarkFailedException("Real PowerShell did not start as `dotnet pwsh` after `dotnet tool restore`, or it has no PSResourceGet.");
    }

    private static async Task<PwshTool?> TryFindAsync(ChildProcesses children)
    {
        const string script =
            "$PSVersionTable.PSVersion.ToString(); Join-Path $PSHOME 'pwsh.dll'; " +
            "(Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet | Sort-Object Version -Descending | Select-Object -First 1).Path";
        var info = new ProcessStartInfo(Dotnet.Host) { WorkingDirectory = Dotnet.RepoRoot };
        foreach (string arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script })
        {
            info.ArgumentList.Add(arg);
        }
        Quiet(info);
        var result = await children.RunAsync(info, TimeSpan.FromMinutes(3), "dotnet pwsh").ConfigureAwait(false);
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.ExitCode != 0 || lines.Length < 3 || !File.Exists(lines[1]) || !File.Exists(lines[2]))
        {
            return null;
        }
        return new PwshTool(lines[1], lines[0], lines[2]);
    }

    /// <summary>A start for pwsh with <paramref name="arguments"/> after -NoProfile -NonInteractive.</summary>
    public ProcessStartInfo StartInfo(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(Dotnet.Host) { WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("-NoProfile");
        info.ArgumentList.Add("-NonInteractive");
        foreach (string arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }
        Quiet(info);
        return info;
    }

    // No telemetry and no update check: neither may reach the network, nor add to a timing.
    private static void Quiet(ProcessStartInfo info)
    {
        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        info.Environment["POWERSHELL_UPDATECHECK"] = "Off";
    }
}
