using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// A server or proxy that echoes the Authorization header or the token back (in an error message,
/// an HTML page, a broken answer) must not make the module show it: every error and Verbose/Debug
/// line masks the session's tokens.
/// </summary>
public sealed class EchoedTokenTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public EchoedTokenTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
        // One attempt per call: the echo is what is under test, not the retries.
        Assert.Empty(_f.Connect(extra: "-MaxRetries 0").AllErrors);
    }

    public static TheoryData<string, string> Echoes => new()
    {
        { "envelope", "error" },
        { "html page", "html" },
        { "plain text", "text" },
        { "broken 200", "broken" },
    };

    private Fault EchoFault(string kind, string token) => kind switch
    {
        "error" => Fault.Error(500, "SERVER", $"request failed for Bearer {token}"),
        "html" => Fault.Status(502, body: $"<html><body><h1>Bad gateway</h1><pre>Authorization: Bearer {token}</pre></body></html>"),
        "text" => Fault.Status(400, body: $"token {token} is not valid here"),
        _ => Fault.Status(200, body: $"{{\"success\": true, \"domains\": [ {token}"),
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public void AnAnswerEchoingTheTokenShowsItNowhere(string what, string kind)
    {
        string token = _server.DemoAccount.AccessToken;
        _server.Faults.Add("GET", "/billing/domains", EchoFault(kind, token));

        var result = _f.Shell.Run("$DebugPreference = 'Continue'; Get-FFDomain -Verbose -Debug");

        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain(token, result.AllText());
        Assert.Contains("***", error.Exception.Message);
        Assert.Contains(result.Debug, d => d.Message.Contains("***"));
        Assert.True(_server.Requests.Count(r => r.Path == "/v1/billing/domains") == 1, what);
    }

    [Fact]
    public void InvokeFFApiRequestMasksAnEchoedTokenToo()
    {
        string token = _server.DemoAccount.AccessToken;
        _server.Faults.Add("GET", "/billing/domains", Fault.Error(400, "BAD", $"Bad token: {token}"));

        var result = _f.Shell.Run("$DebugPreference = 'Continue'; Invoke-FFApiRequest GET billing/domains -Debug");

        var error = Assert.Single(result.Errors);
        Assert.Contains("Bad token: ***", error.Exception.Message);
        Assert.DoesNotContain(token, result.AllText());
    }

    public void Dispose() => _server.Faults.Clear();
}
