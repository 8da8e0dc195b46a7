using FunnelFlux.PowerShell.Tests.Support;

namespace FunnelFlux.PowerShell.Tests.Readme;

/// <summary>
/// The README's doc-test: every ```powershell block runs as written in a fresh real pwsh, from
/// the repository folder, against an emulator started with the arguments the README gives (only
/// the port differs). Blocks marked <c>doc-test: skip (why)</c> are reported as skipped, with why.
/// </summary>
public sealed class ReadmeBlockTests
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromMinutes(4);

    // xUnit shortens long arguments in test names, so the name carries the title (and the reason
    // for a skip) and the argument only the block's number.
    public static IEnumerable<TheoryDataRow<int>> Blocks() =>
        ReadmeDocument.Load().Blocks.Select(b => b.Kind == BlockKind.Skip
            ? new TheoryDataRow<int>(b.Number) { TestDisplayName = $"README {b.Title} skipped: {b.SkipReason}", Skip = "The README marks it: " + b.SkipReason }
            : new TheoryDataRow<int>(b.Number) { TestDisplayName = $"README {b.Title}" });

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task RunsAsWritten(int block)
    {
        ReadmeDocument readme = ReadmeDocument.Load();
        ReadmeBlock code = readme.Blocks.Single(b => b.Number == block);

        await using EmulatorProcess emulator = await EmulatorProcess.StartAsync(EmulatorArguments(readme));
        using var profile = new IsolatedProfile("readme");
        string script = Path.Combine(profile.Root, "readme-block.ps1");
        await File.WriteAllTextAsync(script, Script(readme, code, emulator, profile), TestContext.Current.CancellationToken);

        ProcessResult result = await Pwsh.RunAsync(profile, BuildLayout.RepoRoot, new[] { "-File", script }, BlockTimeout);

        string shown = $"README {code.Title} in real pwsh:\n{code.Code}\n{result.Describe()}";
        Assert.False(result.TimedOut, "Timed out. " + shown);
        Assert.True(result.ExitCode == 0, "Failed. " + shown);
        Assert.True(result.StdErr.Trim().Length == 0, "Wrote errors. " + shown);
        Assert.DoesNotContain("is not recognized", result.StdOut, StringComparison.OrdinalIgnoreCase);
        foreach (string token in await emulator.IssuedTokensAsync())
        {
            Assert.False(result.StdOut.Contains(token, StringComparison.Ordinal), "A token appears in the output of README " + code.Title);
        }
    }

    [Fact]
    public void EveryBlockIsRunOrSkippedWithAReason()
    {
        ReadmeDocument readme = ReadmeDocument.Load();

        Assert.Contains(readme.Blocks, b => b.Kind == BlockKind.AfterSetup);
        Assert.All(readme.Blocks.Where(b => b.Kind == BlockKind.Skip), b => Assert.False(string.IsNullOrWhiteSpace(b.SkipReason)));
        Assert.All(readme.Blocks.SelectMany(b => b.Files), f => Assert.True(File.Exists(FixturePath(f)), $"The README names '{f}', which is not in {FixturePath("")}."));
    }

    /// <summary>The README's emulator arguments, its port 5099 replaced by 0 (any free port).</summary>
    private static List<string> EmulatorArguments(ReadmeDocument readme)
    {
        Assert.Contains("5099", readme.EmulatorArguments);
        return readme.EmulatorArguments.Select(a => a == "5099" ? "0" : a).ToList();
    }

    private static string Script(ReadmeDocument readme, ReadmeBlock block, EmulatorProcess emulator, IsolatedProfile profile)
    {
        var parts = new List<string>();
        if (block.Kind == BlockKind.AfterSetup)
        {
            parts.Add(readme.SetupBlock.Code);
        }
        if (block.Files.Count > 0)
        {
            foreach (string file in block.Files)
            {
                File.Copy(FixturePath(file), Path.Combine(profile.WorkFolder, file));
            }
            parts.Add($"Set-Location -LiteralPath '{profile.WorkFolder.Replace("'", "''")}'\n");
        }
        parts.Add(block.Code);
        // Only the port differs from what a user types.
        return string.Concat(parts).Replace("127.0.0.1:5099", "127.0.0.1:" + emulator.Port, StringComparison.Ordinal);
    }

    private static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Readme", "Files", file);
}
