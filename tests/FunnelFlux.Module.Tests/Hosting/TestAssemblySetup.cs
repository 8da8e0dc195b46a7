using System.Runtime.CompilerServices;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>
/// The module keeps one session per process (as PowerShell users expect), so these tests run one
/// at a time, and never touch the developer's own saved session: it is redirected to a temp file.
/// </summary>
internal static class TestAssemblySetup
{
    public static string SessionPath { get; } =
        Path.Combine(Path.GetTempPath(), "funnelflux-tests-" + Environment.ProcessId, "session.json");

    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("FUNNELFLUX_SESSION_PATH", SessionPath);
        foreach (var name in new[] { "FUNNELFLUX_ACCESS_TOKEN", "FUNNELFLUX_REFRESH_TOKEN", "FUNNELFLUX_API_URI" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
