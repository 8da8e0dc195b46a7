using System.Diagnostics;
using System.Text.RegularExpressions;
using FunnelFlux.PowerShell.Tests.Support;

namespace FunnelFlux.PowerShell.Tests.Try;

/// <summary>
/// The README's try command, `dotnet run --project tools/FunnelFlux.Try` (here with --no-build,
/// since `dotnet test` built it and other tests are using the module folder), in a real terminal:
/// the banner, a connected shell that sees the sample domains, Ctrl+C, and no emulator left behind
/// however the shell ends.
/// </summary>
public sealed class TryCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(45);
    private const string BannerEnd = "Type 'exit' to leave: the emulator stops with this shell.";

    private static string TryCommand => $"dotnet run --project tools/FunnelFlux.Try --no-build -c {BuildLayout.Configuration}";

    [Fact]
    public async Task OpensAConnectedShellThatSeesTheSampleDomainsAndStopsTheEmulatorOnExit()
    {
        RequireTerminal();
        IReadOnlyList<string> samples;
        await using (EmulatorProcess reference = await EmulatorProcess.StartAsync(new[] { "--port", "0", "--seed-samples" }))
        {
            samples = await reference.DomainNamesAsync();
        }
        Assert.NotEmpty(samples);
        using var profile = new IsolatedProfile("try");
        using Terminal terminal = await Terminal.StartAsync(profile, BuildLayout.RepoRoot, TryCommand);

        int emulator = await WaitForBannerAsync(terminal);
        Assert.True(IsRunning(emulator), $"The banner names emulator process {emulator}, which is not running.");
        string banner = await terminal.ScreenAsync();
        Assert.Contains("Type first:", banner);
        Assert.Contains("Get-FFDomain", banner);

        await terminal.TypeLineAsync("Get-FFDomain -Detailed | ForEach-Object { 'SEEN {0} {1} {2}' -f $_.Name, $_.Status, @($_.VerificationErrors).Count }; 'CONNECTED-TO ' + (Get-FFContext).ApiUri.Host");
        await terminal.WaitForAsync(@"^CONNECTED-TO 127\.0\.0\.1\s*$", StepTimeout);
        var seen = Regex.Matches(await terminal.ScreenAsync(), @"^SEEN (\S+) (\S+) (\d+)\s*$", RegexOptions.Multiline)
            .Select(m => (Name: m.Groups[1].Value, Status: m.Groups[2].Value, Errors: int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(samples.Order(), seen.Select(d => d.Name).Order());
        Assert.Contains(seen, d => d.Status == "active");
        Assert.Contains(seen, d => d.Status == "pending");
        Assert.Contains(seen, d => d.Status != "active" && d.Errors > 0);

        await terminal.TypeLineAsync("exit");
        Assert.Equal(0, await terminal.WaitForExitAsync(StepTimeout));
        Assert.Contains("the emulator has stopped", await terminal.ScreenAsync());
        await AssertGoneAsync(emulator);
    }

    [Fact]
    public async Task CtrlCStopsTheRunningCommandAndNotTheEmulator()
    {
        RequireTerminal();
        using var profile = new IsolatedProfile("try-ctrl-c");
        using Terminal terminal = await Terminal.StartAsync(profile, BuildLayout.RepoRoot, TryCommand);
        int emulator = await WaitForBannerAsync(terminal);

        await terminal.TypeLineAsync("'SLEEPING'; Start-Sleep -Seconds 120; 'SLEPT-' + 'THROUGH'");
        await terminal.WaitForAsync(@"^SLEEPING\s*$", StepTimeout);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await terminal.CtrlCAsync();
        await terminal.TypeLineAsync("'AFTER-CTRL-C ' + @(Get-FFDomain).Count");

        // Well before the 120 s sleep would end: the command stopped, the shell and the emulator did not.
        Match after = await terminal.WaitForAsync(@"^AFTER-CTRL-C (\d+)\s*$", StepTimeout);
        string screen = await terminal.ScreenAsync();
        Assert.True(int.Parse(after.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "After Ctrl+C the shell lists no domain:\n" + screen);
        Assert.DoesNotContain("SLEPT-THROUGH", screen);
        Assert.True(IsRunning(emulator), $"Ctrl+C in the shell stopped the emulator (process {emulator}).");

        await terminal.TypeLineAsync("exit");
        await terminal.WaitForExitAsync(StepTimeout);
        await AssertGoneAsync(emulator);
    }

    [Fact]
    public async Task AKilledShellStillStopsTheEmulator()
    {
        RequireTerminal();
        using var profile = new IsolatedProfile("try-kill");
        using Terminal terminal = await Terminal.StartAsync(profile, BuildLayout.RepoRoot, TryCommand);
        int emulator = await WaitForBannerAsync(terminal);

        await terminal.TypeLineAsync("'SHELL-PID ' + $PID");
        Match shell = await terminal.WaitForAsync(@"^SHELL-PID (\d+)\s*$", StepTimeout);
        using (Process pwsh = Process.GetProcessById(int.Parse(shell.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
        {
            pwsh.Kill();
        }

        await terminal.WaitForExitAsync(StepTimeout);
        await AssertGoneAsync(emulator);
    }

    [Fact]
    public async Task BuildScriptTryTaskRunsTheSameCommand()
    {
        RequireTerminal();
        using var profile = new IsolatedProfile("try-build-ps1");
        using Terminal terminal = await Terminal.StartAsync(profile, BuildLayout.RepoRoot,
            $"dotnet pwsh -NoProfile -File ./build.ps1 -Task Try -NoBuild -Configuration {BuildLayout.Configuration}");
        int emulator = await WaitForBannerAsync(terminal);

        await terminal.TypeLineAsync("'MODULE-FROM ' + (Get-Module FunnelFlux).ModuleBase");
        Match module = await terminal.WaitForAsync(@"^MODULE-FROM (.+?)\s*$", StepTimeout);
        Assert.Equal(Path.GetDirectoryName(BuildLayout.ModuleManifest), Path.GetFullPath(module.Groups[1].Value).TrimEnd('/'));

        await terminal.TypeLineAsync("exit");
        Assert.Equal(0, await terminal.WaitForExitAsync(StepTimeout));
        await AssertGoneAsync(emulator);
    }

    private static void RequireTerminal()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The try command is driven through tmux, which Windows lacks.");
        Assert.True(Terminal.Available, "These tests drive the try command in a real terminal: install tmux (apt-get install tmux).");
    }

    /// <summary>Waits for the banner's last line; returns the emulator's process ID that it names.</summary>
    private static async Task<int> WaitForBannerAsync(Terminal terminal)
    {
        await terminal.WaitForAsync(Regex.Escape(BannerEnd), StartTimeout);
        Match process = Regex.Match(await terminal.ScreenAsync(), @"\(process (\d+), demo account\)");
        Assert.True(process.Success, "The banner does not name the emulator's process:\n" + await terminal.ScreenAsync());
        return int.Parse(process.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task AssertGoneAsync(int processId)
    {
        var watch = Stopwatch.StartNew();
        while (IsRunning(processId) && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.False(IsRunning(processId), $"The emulator (process {processId}) is still running after the try command ended.");
    }
}
