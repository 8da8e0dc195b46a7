using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>The standalone emulator run in-process: what the command line starts, prints and writes.</summary>
public sealed class EmulatorHostTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly LockedStringWriter _output = new();
    private readonly LockedStringWriter _errors = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _http.Dispose();
        _temp.Dispose();
    }

    private async Task<(Task<int> Run, ReadyFile Ready, EmulatorServer Server)> StartAsync(params string[] args)
    {
        string readyPath = _temp.File("ready.json");
        EmulatorSettings settings = CommandLine.Parse(args.Concat(new[] { "--ready-file", readyPath }).ToArray());
        EmulatorServer? server = null;
        Task<int> run = Task.Run(() => EmulatorHost.RunAsync(settings, _output, _errors, _stop.Token, s => server = s));
        ReadyFile ready = await ReadyFile.WaitAsync(readyPath, TimeSpan.FromSeconds(20), () => _output.Text + _errors.Text);
        await WaitUntil(() => server is not null);
        return (run, ready, server!);
    }

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, Uri uri, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task PortZeroTakesAFreePortAndTheReadyFileSaysWhere()
    {
        (Task<int> run, ReadyFile ready, EmulatorServer server) = await StartAsync("--port", "0");

        Uri api = new(ready.ApiUri);
        Assert.Equal("127.0.0.1", api.Host);
        Assert.NotEqual(0, api.Port);
        Assert.Equal("/v1", api.AbsolutePath);
        Assert.Equal(server.BaseUri, api);
        Assert.Equal($"http://127.0.0.1:{api.Port}/_emulator", ready.ControlUri);
        Assert.Equal((EmulatorHost.DemoAccessToken, EmulatorHost.DemoRefreshToken), (ready.AccessToken, ready.RefreshToken));
        Assert.Equal(Environment.ProcessId, ready.Pid);

        using HttpResponseMessage validate = await CallAsync(HttpMethod.Post, new Uri(ready.ApiUri + "/auth/validate"), ready.AccessToken);
        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);

        string banner = _output.Text;
        Assert.Contains($"API base URI:  {ready.ApiUri}", banner);
        Assert.Contains($"Port:          {api.Port} (a free port", banner);
        Assert.Contains($"Control URI:   {ready.ControlUri}", banner);
        Assert.Contains("Access token:  demo-access-token", banner);
        Assert.Contains($"Connect-FFAccount -ApiUri {ready.ApiUri} -AccessToken (ConvertTo-SecureString 'demo-access-token' -AsPlainText -Force) -RefreshToken (ConvertTo-SecureString 'demo-refresh-token' -AsPlainText -Force)", banner);

        _stop.Cancel();
        Assert.Equal(0, await run);
        Assert.EndsWith("Emulator stopped." + Environment.NewLine, _output.Text);
        Assert.False(File.Exists(_temp.File("ready.json")));
        Assert.Empty(_errors.Text);
    }

    [Fact]
    public async Task EachRequestIsPrintedUnlessQuiet()
    {
        (Task<int> run, ReadyFile ready, _) = await StartAsync("--port", "0");
        (await CallAsync(HttpMethod.Get, new Uri(ready.ApiUri + "/billing/domains"), ready.AccessToken)).Dispose();
        await WaitUntil(() => _output.Text.Contains("GET /v1/billing/domains -> 200", StringComparison.Ordinal));
        _stop.Cancel();
        await run;

        using var quietStop = new CancellationTokenSource();
        var quietOutput = new LockedStringWriter();
        string quietReady = _temp.File("quiet.json");
        Task<int> quiet = Task.Run(() => EmulatorHost.RunAsync(CommandLine.Parse(new[] { "--port", "0", "--quiet", "--ready-file", quietReady }), quietOutput, _errors, quietStop.Token));
        ReadyFile q = await ReadyFile.WaitAsync(quietReady, TimeSpan.FromSeconds(20));
        (await CallAsync(HttpMethod.Get, new Uri(q.ApiUri + "/billing/domains"), q.AccessToken)).Dispose();
        quietStop.Cancel();
        Assert.Equal(0, await quiet);
        Assert.DoesNotContain("/v1/billing/domains", quietOutput.Text, StringComparison.Ordinal);
        Assert.Contains("API base URI:", quietOutput.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedSamplesGiveOneDomainInEachState()
    {
        (_, ReadyFile ready, _) = await StartAsync("--port", "0", "--seed-samples", "--seed-domain", "mine.example.com=active", "--seed-domain", "other.example.com");

        using HttpResponseMessage list = await CallAsync(HttpMethod.Get, new Uri(ready.ApiUri + "/billing/domains"), ready.AccessToken);
        JsonElement[] domains = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("domains").EnumerateArray().ToArray();
        Dictionary<string, (string Status, int Errors)> byName = domains.ToDictionary(
            d => d.GetProperty("domain").GetString()!,
            d => (d.GetProperty("status").GetString()!, d.GetProperty("verification_errors").GetArrayLength()));

        Assert.Equal(5, byName.Count);
        Assert.Contains(byName.Values, v => v == ("pending", 1));
        Assert.Contains(byName.Values, v => v == ("active", 0));
        Assert.Contains(byName.Values, v => v == ("pending", 2));
        Assert.Equal(("active", 0), byName["mine.example.com"]);
        Assert.Equal(("pending", 1), byName["other.example.com"]);
        Assert.Contains("Seeded domain: promo.example.net (verificationErrors)", _output.Text);
    }

    [Fact]
    public async Task FaultsFromTheCommandLineAreQueued()
    {
        (_, ReadyFile ready, EmulatorServer server) = await StartAsync(
            "--port", "0", "--seed-domain", "gone.example.com", "--fault", "DELETE /billing/domains/* close after", "--fault", "GET /billing/domains status 503 x2");

        Assert.Equal(3, server.Faults.Pending);
        Assert.Contains("Faults queued: 3 use(s) from 2 --fault", _output.Text);
        using HttpResponseMessage first = await CallAsync(HttpMethod.Get, new Uri(ready.ApiUri + "/billing/domains"), ready.AccessToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        using var fresh = new HttpClient();
        using var delete = new HttpRequestMessage(HttpMethod.Delete, ready.ApiUri + "/billing/domains/gone.example.com");
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ready.AccessToken);
        using HttpResponseMessage deleted = await fresh.SendAsync(delete);

        // Deleted, closed without a word, resent by HttpClient, and found gone.
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(new[] { RequestOutcome.Answered, RequestOutcome.Closed, RequestOutcome.Answered }, server.Requests.Select(r => r.Outcome));
    }

    [Fact]
    public async Task BehaviourOptionsReachTheServer()
    {
        (_, _, EmulatorServer server) = await StartAsync(
            "--port", "0", "--access-token-lifetime", "60", "--refreshes-until-active", "1", "--expired-token-status", "400", "--latency", "5", "--clock-offset", "-10800");

        Assert.Equal(TimeSpan.FromMinutes(1), server.Options.AccessTokenLifetime);
        Assert.Equal(1, server.Options.RefreshesUntilActive);
        Assert.Equal(400, server.Options.ExpiredTokenStatus);
        Assert.Equal(TimeSpan.FromMilliseconds(5), server.Options.Latency);
        Assert.Equal(TimeSpan.FromHours(-3), server.Options.ClockOffset);
        Assert.True(server.DemoAccount.AccessTokenExpiresAt < DateTimeOffset.UtcNow, "with the clock 3 h behind, a 60 s token is issued already expired on the real clock");
    }

    [Fact]
    public async Task HttpsServesTheApiAndSaysSoInTheBanner()
    {
        (_, ReadyFile ready, EmulatorServer server) = await StartAsync("--port", "0", "--https");

        Assert.StartsWith("https://127.0.0.1:", ready.ApiUri, StringComparison.Ordinal);
        Assert.StartsWith("https://127.0.0.1:", ready.ControlUri, StringComparison.Ordinal);
        Assert.Contains($"TLS:           self-signed certificate {server.Certificate!.Thumbprint}", _output.Text);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => CallAsync(HttpMethod.Post, new Uri(ready.ApiUri + "/auth/validate"), ready.AccessToken));
        Assert.Equal(HttpRequestError.SecureConnectionError, ex.HttpRequestError);
    }

    [Fact]
    public async Task AClockJumpThroughTheControlEndpointSurvivesTheWallClock()
    {
        (_, ReadyFile ready, EmulatorServer server) = await StartAsync("--port", "0");
        DateTimeOffset before = server.Clock.GetUtcNow();

        using HttpResponseMessage jump = await _http.PostAsync(ready.ControlUri + "/clock", new StringContent("{\"advanceSeconds\":7200}", System.Text.Encoding.UTF8, "application/json"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(HttpStatusCode.OK, jump.StatusCode);
        Assert.True(server.Clock.GetUtcNow() >= before + TimeSpan.FromHours(2), $"{server.Clock.GetUtcNow():O} vs {before:O}");
        Assert.True(server.Clock.GetUtcNow() > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(119));
    }

    [Fact]
    public async Task APortInUseIsReportedWithExitCode1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        int taken = ((IPEndPoint)holder.LocalEndpoint).Port;

        int code = await EmulatorHost.RunAsync(CommandLine.Parse(new[] { "--port", taken.ToString(System.Globalization.CultureInfo.InvariantCulture) }), _output, _errors, _stop.Token);

        Assert.Equal(1, code);
        Assert.Contains($"could not listen on 127.0.0.1:{taken}", _errors.Text);
        Assert.Contains("--port 0", _errors.Text);
    }

    [Fact]
    public async Task UrlsAreStillHonoured()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        (_, ReadyFile ready, _) = await StartAsync("--urls", $"http://0.0.0.0:{port}");

        Assert.Equal($"http://127.0.0.1:{port}/v1", ready.ApiUri);
        Assert.Contains("is not a loopback address", _output.Text);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
