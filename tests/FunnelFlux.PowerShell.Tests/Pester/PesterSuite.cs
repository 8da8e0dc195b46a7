using FunnelFlux.PowerShell.Tests.Support;

namespace FunnelFlux.PowerShell.Tests.Pester;

/// <summary>
/// The Pester suite in tests/Pester, run in real pwsh with the Pester the build laid out:
/// discovered once (to make one xUnit row per Pester test) and run once (shared by those rows).
/// </summary>
public static class PesterSuite
{
    private static readonly TimeSpan DiscoveryTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);

    private static readonly Lazy<PesterResult> Discovered = new(() => InvokeAsync(discover: true).GetAwaiter().GetResult());
    private static readonly Lazy<Task<PesterResult>> Run = new(() => InvokeAsync(discover: false));

    public static PesterResult Discover() => Discovered.Value;

    public static Task<PesterResult> RunAsync() => Run.Value;

    private static async Task<PesterResult> InvokeAsync(bool discover)
    {
        using var profile = new IsolatedProfile(discover ? "pester-discovery" : "pester");
        string resultPath = Path.Combine(profile.Root, "pester-result.json");
        var arguments = new List<string>
        {
            "-File", Path.Combine(BuildLayout.RepoRoot, "tests", "Pester", "Invoke-FFPesterSuite.ps1"),
            "-PesterManifest", BuildLayout.PesterManifest,
            "-ResultPath", resultPath,
        };
        if (discover)
        {
            arguments.Add("-Discover");
        }
        // The suite starts emulators from the build's own copy instead of building one itself.
        var environment = new Dictionary<string, string> { ["FUNNELFLUX_TEST_EMULATOR"] = BuildLayout.EmulatorProgram };

        ProcessResult process = await Pwsh.RunAsync(profile, BuildLayout.RepoRoot, arguments, discover ? DiscoveryTimeout : RunTimeout, environment).ConfigureAwait(false);
        if (process.ExitCode != 0 || !File.Exists(resultPath))
        {
            throw new InvalidOperationException($"The Pester suite could not {(discover ? "be discovered" : "run")} in real pwsh:\n{process.Describe()}");
        }
        PesterResult result = PesterResult.Read(resultPath);
        if (result.Tests.Count == 0)
        {
            throw new InvalidOperationException($"Pester found no test in tests/Pester:\n{process.Describe()}");
        }
        if (result.Tests.Select(t => t.Key).Distinct().Count() != result.Tests.Count)
        {
            throw new InvalidOperationException("Two Pester tests have the same key: " + string.Join(", ", result.Tests.GroupBy(t => t.Key).Where(g => g.Count() > 1).Select(g => g.Key)));
        }
        return result;
    }
}
