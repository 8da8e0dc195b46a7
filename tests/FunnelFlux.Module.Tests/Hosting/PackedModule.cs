using System.Diagnostics;

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>
/// Packs the already laid-out module folder once per test class with `dotnet pack --no-build`,
/// into a temporary folder. No build runs, so out/FunnelFlux (which other tests are importing)
/// is never deleted or rewritten; the nuspec goes to the temporary folder too, so obj/ is left
/// alone. This checks the same pack configuration that `dotnet pack -c Release -o out/package`
/// (build.ps1 -Task Package) uses, minus its build step.
/// </summary>
public sealed class PackedModule : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    public PackedModule()
    {
        Folder = Directory.CreateTempSubdirectory("ffpack-").FullName;
        string project = Path.Combine(ModulePaths.RepoRoot, "src", "FunnelFlux", "FunnelFlux.csproj");
        // The test assembly lives in bin/<Configuration>/<tfm>/: pack the configuration that was built.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ModulePaths.RepoRoot,
        };
        foreach (string arg in new[]
        {
            "pack", project, "--no-build", "-c", configuration, "-o", Folder,
            "-p:NuspecOutputPath=" + Path.Combine(Folder, "nuspec") + Path.DirectorySeparatorChar,
            "--disable-build-servers", "-nodeReuse:false",
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(PackTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet pack did not finish within {PackTimeout}.");
        }
        PackOutput = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({process.ExitCode}):\n{PackOutput}");
        }
        PackagePath = Directory.GetFiles(Folder, "*.nupkg").Single();
    }

    /// <summary>The temporary folder holding the package.</summary>
    public string Folder { get; }

    public string PackagePath { get; }

    public string PackOutput { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test run over it.
        }
    }
}
