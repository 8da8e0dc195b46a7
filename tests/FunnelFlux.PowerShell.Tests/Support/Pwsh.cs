using System.Diagnostics;
using System.Text.Json;

namespace FunnelFlux.PowerShell.Tests.Support;

/// <summary>
/// Real PowerShell: the `pwsh` local tool pinned in .config/dotnet-tools.json. It is found once
/// through `dotnet pwsh` (which only works inside the repository, where the manifest is), and
/// every test then runs that same pwsh.dll with `dotnet`, from whichever folder it needs.
/// </summary>
public static class Pwsh
{
    private static readonly Lazy<Task<(string Dll, string Version)>> Resolved = new(ResolveAsync);

    /// <summary>The version .config/dotnet-tools.json pins.</summary>
    public static string PinnedVersion { get; } = ReadPinnedVersion();

    /// <summary>
    /// Runs pwsh with <paramref name="arguments"/> (after -NoProfile -NonInteractive) in
    /// <paramref name="profile"/>'s environment, from <paramref name="workingDirectory"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(IsolatedProfile profile, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var (dll, _) = await Resolved.Value.ConfigureAwait(false);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("-NoProfile");
        start.ArgumentList.Add("-NonInteractive");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        profile.Apply(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return await ProcessRun.RunAsync(start, timeout, standardInput).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="script"/> (a -Command text) in pwsh.</summary>
    public static Task<ProcessResult> CommandAsync(IsolatedProfile profile, string workingDirectory, string script, TimeSpan timeout, IDictionary<string, string>? environment = null) =>
        RunAsync(profile, workingDirectory, new[] { "-Command", script }, timeout, environment);

    private static async Task<(string Dll, string Version)> ResolveAsync()
    {
        using var profile = new IsolatedProfile("pwsh-resolve");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = BuildLayout.RepoRoot };
        foreach (string argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString(); Join-Path $PSHOME 'pwsh.dll'" })
        {
            start.ArgumentList.Add(argument);
        }
        profile.Apply(start);
        ProcessResult result = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.ExitCode != 0 || lines.Length < 2 || !File.Exists(lines[^1]))
        {
            throw new InvalidOperationException(
                "Real PowerShell is needed: `dotnet pwsh` (the local tool pinned in .config/dotnet-tools.json) did not start. " +
                "Run `dotnet tool restore` in the repository, then run the tests again.\n" + result.Describe());
        }
        if (lines[^2] != PinnedVersion)
        {
            throw new InvalidOperationException($"`dotnet pwsh` is PowerShell {lines[^2]}, but .config/dotnet-tools.json pins {PinnedVersion}. Run `dotnet tool restore`.");
        }
        return (lines[^1], lines[^2]);
    }

    private static string ReadPinnedVersion()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildLayout.RepoRoot, ".config", "dotnet-tools.json")));
        return manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
    }
}
