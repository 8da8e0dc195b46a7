namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>Where the build laid out the module, found from the repository root.</summary>
public static class ModulePaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModuleFolder => Path.Combine(RepoRoot, "out", "FunnelFlux");

    public static string ManifestPath => Path.Combine(ModuleFolder, "FunnelFlux.psd1");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunnelFlux.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("FunnelFlux.sln not found above " + AppContext.BaseDirectory);
    }
}
