using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelFlux.Emulator;

/// <summary>
/// A running emulator: Kestrel on loopback serving the FunnelFlux Pro API subset (auth + custom
/// domains) from in-memory state, with hooks for tests to inspect and disturb it.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly AccountRegistry _accounts;
    private readonly DomainRegistry _domains;
    private readonly RequestLog _log;
    private readonly ConcurrencyCounter _concurrency;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private EmulatorServer(
        WebApplication app,
        EmulatorOptions options,
        AccountRegistry accounts,
        DomainRegistry domains,
        RequestLog log,
        ConcurrencyCounter concurrency,
        FaultPlan faults,
        EmulatorAccount demo,
        CancellationTokenSource stopping)
    {
        _app = app;
        Options = options;
        _accounts = accounts;
        _domains = domains;
        _log = log;
        _concurrency = concurrency;
        Faults = faults;
        DemoAccount = demo;
        _stopping = stopping;
    }

    /// <summary>The API base, e.g. http://127.0.0.1:41234/v1 (no trailing slash).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every address the server listens on, as API bases (same form as <see cref="BaseUri"/>).</summary>
    public IReadOnlyList<Uri> BaseUris { get; private set; } = Array.Empty<Uri>();

    /// <summary>The control endpoints' base on the first address, e.g. http://127.0.0.1:41234/_emulator.</summary>
    public Uri ControlUri { get; private set; } = null!;

    /// <summary>
    /// The self-signed certificate served when <see cref="EmulatorOptions.UseHttps"/> is set (null for
    /// http). A test that wants to trust it compares the server's certificate with this one.
    /// </summary>
    public X509Certificate2? Certificate { get; private init; }

    /// <summary>Live options: changes take effect on the next request (except those read at start).</summary>
    public EmulatorOptions Options { get; }

    public EmulatorAccount DemoAccount { get; }

    public FaultPlan Faults { get; }

    /// <summary>The emulator's time source (the same object as Options.Clock).</summary>
    public ManualClock Clock => Options.Clock;

    /// <summary>Settled API requests, oldest first (a copy). Control requests are never in it.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>Highest number of requests in flight at once since start or the last <see cref="ResetConcurrency"/>.</summary>
    public int MaxConcurrentRequests => _concurrency.Max;

    /// <summary>API requests in flight right now.</summary>
    public int InFlightRequests => _concurrency.Current;

    /// <summary>API requests received since start (clearing the log does not change it).</summary>
    public long RequestsReceived => _concurrency.Total;

    /// <summary>Starts on 127.0.0.1 with a free port.</summary>
    public static Task<EmulatorServer> StartAsync(EmulatorOptions? options = null) =>
        StartAsync(options, new[] { new IPEndPoint(IPAddress.Loopback, 0) });

    /// <summary>Starts on the given endpoints, which must all be loopback addresses (port 0 = any free port).</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options, IEnumerable<IPEndPoint> endpoints)
    {
        IPEndPoint[] listen = endpoints.ToArray();
        if (listen.Length == 0)
        {
            throw new ArgumentException("At least one endpoint is needed.", nameof(endpoints));
        }

        if (listen.FirstOrDefault(e => !IPAddress.IsLoopback(e.Address)) is { } outside)
        {
            throw new ArgumentException($"The emulator listens on loopback only; {outside} is not loopback.", nameof(endpoints));
        }

        options ??= new EmulatorOptions();
        var faults = new FaultPlan();
        var accounts = new AccountRegistry(options);
        var domains = new DomainRegistry(options);
        var log = new RequestLog(accounts.TokensEverIssued, () => options.RequestObserver);
        var concurrency = new ConcurrencyCounter();
        var stopping = new CancellationTokenSource();
        EmulatorAccount demo = accounts.Create("demo", options.DemoAccessToken, options.DemoRefreshToken);
        var router = new Router(options, accounts, new AuthEndpoint(options, accounts), new DomainEndpoints(options, domains));
        var control = new ControlEndpoints(options, log, concurrency, faults, accounts, domains, demo);
        var handler = new RequestHandler(options, router, control, faults, log, concurrency, stopping.Token);

        X509Certificate2? certificate = options.UseHttps ? SelfSignedCertificate.Create() : null;

        // The empty builder reads no configuration, environment variables or appsettings, so
        // nothing (ASPNETCORE_URLS included) can make it listen anywhere but the endpoints above.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (IPEndPoint endpoint in listen)
            {
                kestrel.Listen(endpoint, listenOptions =>
                {
                    // HTTP/1.1 only: a fault that closes "the connection" then means exactly that.
                    listenOptions.Protocols = HttpProtocols.Http1;
                    if (certificate is not null)
                    {
                        listenOptions.UseHttps(certificate);
                    }
                });
            }
        });
        WebApplication app = builder.Build();
        app.Run(handler.HandleAsync);

        var server = new EmulatorServer(app, options, accounts, domains, log, concurrency, faults, demo, stopping)
        {
            Certificate = certificate,
        };
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        server.BaseUris = addresses.Select(a => new Uri(a.TrimEnd('/') + "/v1")).ToArray();
        server.BaseUri = server.BaseUris[0];
        server.ControlUri = new Uri(addresses.First().TrimEnd('/') + ControlEndpoints.Prefix);
        return server;
    }

    /// <summary>A second, independent account with its own tokens and domains.</summary>
    public EmulatorAccount CreateAccount(string? name = null) => _accounts.Create(name);

    /// <summary>Every access and refresh token this emulator ever issued, for leak checks in tests.</summary>
    public IReadOnlyList<string> IssuedTokens => _accounts.TokensEverIssued();

    public void ClearRequests() => _log.Clear();

    public void ResetConcurrency() => _concurrency.Reset();

    /// <summary>Makes a live access token expired as of the emulator clock's now.</summary>
    public void ExpireAccessToken(string accessToken) => _accounts.Expire(accessToken);

    /// <summary>Makes a refresh token unusable, as the identity provider may do at any time.</summary>
    public void RevokeRefreshToken(string refreshToken) => _accounts.Revoke(refreshToken);

    /// <summary>A snapshot of the account's domains, oldest first.</summary>
    public IReadOnlyList<EmulatedDomain> DomainsOf(EmulatorAccount account) => _domains.List(Own(account));

    /// <summary>Puts a domain straight into the account's state, bypassing the API (and the request log).</summary>
    public void AddDomain(EmulatorAccount account, string domain, bool active = false) =>
        AddDomain(account, domain, active ? DomainSeedState.Active : DomainSeedState.Pending);

    /// <summary>
    /// Puts a domain in the given state straight into the account, bypassing the API (and the
    /// request log). Throws ArgumentException for an invalid hostname, InvalidOperationException
    /// when the hostname is already held (by any account).
    /// </summary>
    public void AddDomain(EmulatorAccount account, string domain, DomainSeedState state) =>
        _domains.Seed(Own(account), domain, state);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Cancel artificial delays first so that stopping does not wait for them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period are simply cut.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        Certificate?.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private EmulatorAccount Own(EmulatorAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _accounts.Holds(account)
            ? account
            : throw new ArgumentException($"Account '{account.Name}' does not belong to this emulator.", nameof(account));
    }
}
