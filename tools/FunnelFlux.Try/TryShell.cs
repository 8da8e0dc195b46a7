using System.Diagnostics;

namespace FunnelFlux.Try;

/// <summary>
/// Interactive real pwsh (`dotnet pwsh`, the tool pinned in .config/dotnet-tools.json), on this
/// terminal, from the repository folder, that runs the startup script and then stays open.
/// </summary>
internal static class TryShell
{
    public static Process Start(EmulatorChild emulator, string sessionPath)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TryLayout.RepoRoot, UseShellExecute = false };
        string command = $"& {Quote(TryLayout.StartupScript)} -Manifest {Quote(TryLayout.ModuleManifest)} -EmulatorProcessId {emulator.ProcessId} -RefreshesUntilActive {EmulatorChild.RefreshesUntilActive}" +
                         (EmulatorChild.IsolatedFromCtrlC ? string.Empty : " -CtrlCReachesEmulator");
        foreach (string argument in new[] { "pwsh", "-NoLogo", "-NoProfile", "-NoExit", "-Command", command })
        {
            start.ArgumentList.Add(argument);
        }

        // The shell connects from these (as Connect-FFAccount documents) and then forgets the
        // tokens. None of the user's own FUNNELFLUX_* settings get in, and a session saved with
        // -Scope CurrentUser goes to a temporary file, never over the user's real saved session.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("FUNNELFLUX_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["FUNNELFLUX_API_URI"] = emulator.Ready.ApiUri.ToString();
        start.Environment["FUNNELFLUX_ACCESS_TOKEN"] = emulator.Ready.AccessToken;
        start.Environment["FUNNELFLUX_REFRESH_TOKEN"] = emulator.Ready.RefreshToken;
        start.Environment["FUNNELFLUX_SESSION_PATH"] = sessionPath;
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start `dotnet pwsh`.");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
