using System.Diagnostics;

namespace FunnelFlux.PowerShell.Tests.Support;

/// <summary>
/// A throw-away home for the pwsh processes of a test: HOME, the XDG folders (and their Windows
/// counterparts) and PSModulePath point into a temporary folder, no FUNNELFLUX_* setting of the
/// contributor's gets through, and the saved session lives there too. So no test reads or writes
/// the contributor's profile, modules, saved session or PSResource repositories. Disposing deletes it all.
/// </summary>
public sealed class IsolatedProfile : IDisposable
{
    // The folders are made up front: .NET reports a special folder that does not exist yet as
    // "", and PSResourceGet then writes its repository list relative to the working directory.
    private static readonly string[] Folders = { ".config", ".local/share", ".cache", "AppData/Roaming", "AppData/Local", "work" };

    public IsolatedProfile(string purpose)
    {
        Root = Directory.CreateTempSubdirectory("ff-" + purpose + "-").FullName;
        foreach (string folder in Folders)
        {
            Directory.CreateDirectory(Path.Combine(Root, folder));
        }
    }

    public string Root { get; }

    /// <summary>A scratch folder inside the profile, used as the working directory where the repository is not needed.</summary>
    public string WorkFolder => Path.Combine(Root, "work");

    public string SessionPath => Path.Combine(Root, "funnelflux-session.json");

    /// <summary>Where PowerShell installs modules for the current user under this profile.</summary>
    public string UserModulesFolder => OperatingSystem.IsWindows()
        ? Path.Combine(Root, "Documents", "PowerShell", "Modules")
        : Path.Combine(Root, ".local", "share", "powershell", "Modules");

    /// <summary>Points <paramref name="start"/>'s environment into this profile.</summary>
    public void Apply(ProcessStartInfo start)
    {
        var env = start.Environment;
        foreach (string name in env.Keys.Where(k => k.StartsWith("FUNNELFLUX_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            env.Remove(name);
        }
        // dotnet keeps its tool resolver cache and first-run state under DOTNET_CLI_HOME (else
        // HOME): keep the contributor's, so `dotnet pwsh` still finds the restored tool.
        env["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        env["NUGET_PACKAGES"] = NuGetPackageRoot;
        env["HOME"] = Root;
        env["USERPROFILE"] = Root;
        env["XDG_CONFIG_HOME"] = Path.Combine(Root, ".config");
        env["XDG_DATA_HOME"] = Path.Combine(Root, ".local", "share");
        env["XDG_CACHE_HOME"] = Path.Combine(Root, ".cache");
        env["APPDATA"] = Path.Combine(Root, "AppData", "Roaming");
        env["LOCALAPPDATA"] = Path.Combine(Root, "AppData", "Local");
        // pwsh adds its own defaults (the user folder above, then the system and $PSHOME folders).
        env["PSModulePath"] = string.Empty;
        env["FUNNELFLUX_SESSION_PATH"] = SessionPath;
        env["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        env["POWERSHELL_UPDATECHECK"] = "Off";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        env["DOTNET_NOLOGO"] = "1";
        env["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Plain text in captured output, so failure messages are readable.
        env["NO_COLOR"] = "1";
    }

    /// <summary>The NuGet package folder this build restored from, for any dotnet command a test runs.</summary>
    public static string NuGetPackageRoot { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process that outlived its test may still hold a file; never fail a run over a temp folder.
        }
    }
}
