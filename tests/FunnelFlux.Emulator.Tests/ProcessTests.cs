using System.Net;
using System.Net.Http.Headers;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>The emulator as its own process: exit codes, signals, stdin, the ready file.</summary>
public sealed class ProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new[] { "--port", "x" }, "--port takes a whole number, not 'x'")]
    [InlineData(new[] { "--fault", "GET /billing/domains explode" }, "Unknown fault kind 'explode'")]
    [InlineData(new[] { "--nope" }, "Unknown option '--nope'")]
    public async Task BadArgumentsExitWithCode2AndSayWhy(string[] args, string reason)
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(args);

        Assert.Equal(2, await emulator.WaitForExitAsync(Patience));
        Assert.Contains(reason, emulator.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", emulator.Stderr, StringComparison.Ordinal);
        Assert.Empty(emulator.Stdout);
    }

    [Fact]
    public async Task HelpExitsWithCode0()
    {
        using EmulatorProcess emulator = EmulatorProcess.Start("--help");

        Assert.Equal(0, await emulator.WaitForExitAsync(Patience));
        Assert.StartsWith("Usage: funnelflux-emulator [options]", emulator.Stdout, StringComparison.Ordinal);
        Assert.Contains("--ready-file", emulator.Stdout, StringComparison.Ordinal);
    }

    [UnixFact]
    public Task SigtermStopsItCleanly() => StopsOnSignalAsync("TERM");

    [UnixFact]
    public Task CtrlCStopsItCleanly() => StopsOnSignalAsync("INT");

    [Fact]
    public async Task ClosingStdinStopsItWhenAsked()
    {
        string ready = _temp.File("ready.json");
        using EmulatorProcess emulator = EmulatorProcess.Start("--port", "0", "--quiet", "--exit-on-stdin-close", "--ready-file", ready);
        await ReadyFile.WaitAsync(ready, Patience, () => emulator.Stdout + emulator.Stderr);

        emulator.Process.StandardInput.Close();

        Assert.Equal(0, await emulator.WaitForExitAsync(Patience));
        Assert.Contains("Emulator stopped.", emulator.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(ready));
    }

    [Fact]
    public async Task WithoutTheFlagClosingStdinChangesNothing()
    {
        string ready = _temp.File("ready.json");
        using EmulatorProcess emulator = EmulatorProcess.Start("--port", "0", "--quiet", "--ready-file", ready);
        ReadyFile where = await ReadyFile.WaitAsync(ready, Patience, () => emulator.Stdout + emulator.Stderr);

        emulator.Process.StandardInput.Close();
        await Task.Delay(500);

        Assert.False(emulator.Process.HasExited);
        Assert.Equal(HttpStatusCode.OK, await ValidateAsync(where));
    }

    private async Task StopsOnSignalAsync(string signal)
    {
        string ready = _temp.File("ready.json");
        using EmulatorProcess emulator = EmulatorProcess.Start("--port", "0", "--ready-file", ready);
        ReadyFile where = await ReadyFile.WaitAsync(ready, Patience, () => emulator.Stdout + emulator.Stderr);
        Assert.Equal(emulator.Process.Id, where.Pid);
        Assert.Equal(HttpStatusCode.OK, await ValidateAsync(where));

        await emulator.SignalAsync(signal);

        Assert.Equal(0, await emulator.WaitForExitAsync(Patience));
        Assert.Contains("Emulator stopped.", emulator.Stdout, StringComparison.Ordinal);
        Assert.Contains("POST /v1/auth/validate -> 200", emulator.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(ready));
        Assert.Empty(emulator.Stderr);
    }

    private static async Task<HttpStatusCode> ValidateAsync(ReadyFile where)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, where.ApiUri + "/auth/validate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", where.AccessToken);
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
