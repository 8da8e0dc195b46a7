namespace FunnelFlux.Benchmarks.Harness;

/// <summary>The dotnet host and the repository this harness was built from.</summary>
public static class Dotnet
{
    /// <summary>The dotnet executable: the one running us when the SDK says so, else dotnet on PATH.</summary>
    public static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FunnelFlux.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new BenchmarkFailedException("FunnelFlux.sln was not found above " + AppContext.BaseDirectory + "; run the benchmark from the repository.");
    }
}
