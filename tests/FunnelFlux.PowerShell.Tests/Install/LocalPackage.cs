using System.Diagnostics;
using FunnelFlux.PowerShell.Tests.Support;

namespace FunnelFlux.PowerShell.Tests.Install;

/// <summary>
/// The module's Gallery package, made once for the install tests by the README's package command
/// (`dotnet pack src/FunnelFlux/FunnelFlux.csproj`) into a temporary folder. It runs with
/// --no-build: `dotnet test` has built the module already, and a second build would rewrite
/// out/FunnelFlux while other tests import it. The nuspec goes to the temporary folder too.
/// </summary>
public sealed class LocalPackage : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("ff-package-").FullName;

    public string PackagePath { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = BuildLayout.RepoRoot };
        foreach (string argument in new[]
        {
            "pack", Path.Combine("src", "FunnelFlux", "FunnelFlux.csproj"), "--no-build", "-c", BuildLayout.Configuration, "-o", Folder,
            "-p:NuspecOutputPath=" + Path.Combine(Folder, "nuspec") + Path.DirectorySeparatorChar,
            "--disable-build-servers", "-nodeReuse:false",
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        ProcessResult pack = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(3));
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed: " + pack.Describe());
        }
        PackagePath = Directory.GetFiles(Folder, "FunnelFlux.*.nupkg").Single();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        return ValueTask.CompletedTask;
    }
}
