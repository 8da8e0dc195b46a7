using System.Reflection;

namespace FunnelFlux.Try;

/// <summary>Where the build put the module and the emulator (recorded in this assembly at build time).</summary>
internal static class TryLayout
{
    private static readonly Dictionary<string, string?> Metadata = typeof(TryLayout).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .ToDictionary(a => a.Key, a => a.Value);

    public static string RepoRoot => Path.GetFullPath(Get("RepoRoot"));

    public static string ModuleManifest => Path.GetFullPath(Get("ModuleManifest"));

    public static string EmulatorProgram => Get("EmulatorProgram");

    /// <summary>The shell's startup script, copied next to this program.</summary>
    public static string StartupScript => Path.Combine(AppContext.BaseDirectory, "Start-FFTrySession.ps1");

    private static string Get(string key) =>
        Metadata.TryGetValue(key, out string? value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new InvalidOperationException($"This build of FunnelFlux.Try does not know '{key}'; rebuild it with `dotnet build tools/FunnelFlux.Try`.");
}
