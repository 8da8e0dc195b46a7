using FunnelFlux.Tests.Shared;
using FunnelFlux.Emulator;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Support;

/// <summary>An emulator plus a client wired to it with virtual time and small timeouts.</summary>
public sealed class TestApi : IAsyncDisposable
{
    private TestApi(EmulatorServer server) => Server = server;

    public EmulatorServer Server { get; }

    public VirtualTime Time { get; } = new();

    public RecordingSink Sink { get; } = new();

    public static async Task<TestApi> StartAsync(EmulatorOptions? options = null)
    {
        var server = await EmulatorServer.StartAsync(options);
        Secrets.Register(server);
        return new TestApi(server);
    }

    public ApiClientOptions Options(Action<ApiClientOptions>? configure = null)
    {
        var options = new ApiClientOptions
        {
            ApiUri = Server.BaseUri,
            RequestTimeout = TimeSpan.FromSeconds(5),
            MaxRetries = 4,
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(30),
            MaxRetryDuration = TimeSpan.FromMinutes(3),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Connects as <paramref name="account"/> (the demo account by default).</summary>
    public Task<ApiSession> ConnectAsync(Action<ApiClientOptions>? configure = null, EmulatorAccount? account = null, bool withRefreshToken = true, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        account ??= Server.DemoAccount;
        return ApiSession.ConnectAsync(Options(configure), account.AccessToken, withRefreshToken ? account.RefreshToken : null, Sink, handler, time ?? Time, CancellationToken.None);
    }

    /// <summary>Requests the emulator logged for <paramref name="method"/> and <paramref name="path"/>, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Logged(string method, string path) =>
        Server.Requests.Where(r => r.Method == method && r.Path == "/v1/" + path.TrimStart('/')).ToList();

    public int Count(string method, string path) =>
        Server.Requests.Count(r => r.Method == method && r.Path == "/v1/" + path.TrimStart('/'));

    /// <summary>
    /// The count once the emulator has logged <paramref name="expected"/> such requests (a request
    /// the client abandoned is logged when the server notices, a moment later), waiting at most 3 s.
    /// </summary>
    public async Task<int> CountSettledAsync(string method, string path, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        while (Count(method, path) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        return Count(method, path);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var message in Sink.Messages) Secrets.AssertAbsent(message);
        await Server.DisposeAsync();
    }
}
