using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FunnelFlux.Emulator.Tests;

/// <summary>
/// The emulator ships as the .NET tool FunnelFlux.Emulator (command funnelflux-emulator): packed
/// from this source, installed from a local folder and run outside the source tree.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ThePackageInstallsAsAToolAndRunsOutsideTheSourceTree()
    {
        string repo = RepositoryRoot();
        string version = Regex.Match(File.ReadAllText(Path.Combine(repo, "FunnelFlux.psd1")), @"ModuleVersion\s*=\s*'([0-9.]+)'").Groups[1].Value;
        string packages = Directory.CreateDirectory(_temp.File("package")).FullName;
        string tools = _temp.File("tools");
        string work = Directory.CreateDirectory(_temp.File("work")).FullName;
        Assert.False(work.StartsWith(repo, StringComparison.Ordinal), "the working folder must be outside the source tree");

        // Nothing from the machine's NuGet setup takes part: only the local folder is a source and
        // the package cache is private, so a stale copy of the package can never be what runs.
        File.WriteAllText(Path.Combine(work, "nuget.config"), "<?xml version=\"1.0\" encoding=\"utf-8\"?><configuration><packageSources><clear /></packageSources></configuration>");
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _temp.File("nuget-cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_ROOT"] = DotnetRoot(),
        };

        // --no-restore: the solution's restore already made the assets; a test must not rewrite them.
        await RunAsync(EmulatorProcess.Dotnet, repo, environment, "pack", Path.Combine(repo, "tests/FunnelFlux.Emulator/FunnelFlux.Emulator.csproj"), "-c", "Release", "--no-restore", "-o", packages);
        string nupkg = Path.Combine(packages, $"FunnelFlux.Emulator.{version}.nupkg");
        Assert.True(File.Exists(nupkg), $"expected {nupkg}; found {string.Join(", ", Directory.GetFiles(packages))}");
        AssertToolMetadata(nupkg, version);

        await RunAsync(EmulatorProcess.Dotnet, work, environment, "tool", "install", "FunnelFlux.Emulator", "--tool-path", tools, "--add-source", packages, "--version", version);
        string command = Path.Combine(tools, OperatingSystem.IsWindows() ? "funnelflux-emulator.exe" : "funnelflux-emulator");
        Assert.True(File.Exists(command), $"no {command} after install");

        string ready = Path.Combine(work, "ready.json");
        using EmulatorProcess emulator = EmulatorProcess.Start(command, new[] { "--port", "0", "--ready-file", ready, "--exit-on-stdin-close" }, work, environment);
        ReadyFile where = await ReadyFile.WaitAsync(ready, TimeSpan.FromSeconds(60), () => emulator.Stdout + emulator.Stderr);
        Assert.Equal(emulator.Process.Id, where.Pid);

        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        using (var validate = new HttpRequestMessage(HttpMethod.Post, where.ApiUri + "/auth/validate"))
        {
            validate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", where.AccessToken);
            using HttpResponseMessage answer = await http.SendAsync(validate);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("\"access_token\":\"demo-access-token\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        emulator.Process.StandardInput.Close();
        Assert.Equal(0, await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"API base URI:  {where.ApiUri}", emulator.Stdout, StringComparison.Ordinal);
        Assert.Contains("Emulator stopped.", emulator.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(ready));
    }

    private static void AssertToolMetadata(string nupkg, string version)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        ZipArchiveEntry nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream nuspecStream = nuspecEntry.Open();
        XElement metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("FunnelFlux.Emulator", Value("id"));
        Assert.Equal(version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("emulator", Value("description"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("FunnelFlux", Value("tags").Split(' '));
        Assert.Equal("DotnetTool", metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
    }

    private static async Task RunAsync(string fileName, string workingDirectory, IDictionary<string, string> environment, params string[] args)
    {
        using EmulatorProcess run = EmulatorProcess.Start(fileName, args, workingDirectory, environment);
        int code = await run.WaitForExitAsync(Patience);
        Assert.True(code == 0, $"{Path.GetFileName(fileName)} {string.Join(' ', args)} exited with {code}:\n{run.Stdout}\n{run.Stderr}");
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunnelFlux.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests do not run from inside the source tree (no FunnelFlux.sln above " + AppContext.BaseDirectory + ").");
    }

    // The tool's launcher finds the runtime through DOTNET_ROOT when .NET is not in a default place.
    private static string DotnetRoot()
    {
        string host = EmulatorProcess.Dotnet;
        if (!Path.IsPathRooted(host))
        {
            host = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator)
                .Select(p => Path.Combine(p, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
                .First(File.Exists);
        }

        string real = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
        return Path.GetDirectoryName(real)!;
    }
}
