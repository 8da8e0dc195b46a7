using System.Reflection;

namespace FunnelFlux.PowerShell.Tests.Support;

/// <summary>Where the build put what these tests run, recorded in this assembly at build time.</summary>
public static class BuildLayout
{
    private static readonly Dictionary<string, string?> Metadata = typeof(BuildLayout).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .ToDictionary(a => a.Key, a => a.Value);

    public static string RepoRoot => Path.GetFullPath(Get("RepoRoot"));

    /// <summary>The importable module folder that `dotnet build` lays out.</summary>
    public static string ModuleManifest => Path.Combine(RepoRoot, "out", "FunnelFlux", "FunnelFlux.psd1");

    public static string PesterManifest => Get("PesterManifest");

    public static string PesterVersion => Get("PesterVersion");

    /// <summary>FunnelFlux.Emulator.dll, run with `dotnet`.</summary>
    public static string EmulatorProgram => Get("EmulatorProgram");

    public static string Configuration => Get("Configuration");

    private static string Get(string key) =>
        Metadata.TryGetValue(key, out string? value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new InvalidOperationException($"The build did not record '{key}' in {typeof(BuildLayout).Assembly.GetName().Name}; rebuild the test project.");
}
