namespace FunnelFlux.Emulator;

/// <summary>
/// Behaviour switches of a running emulator. The server reads them on every request, so a test may
/// change them at any time (for example to make expired tokens answer 400 instead of 401).
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Lifetime of every access token the emulator issues (FunnelFlux documents 72 hours).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// A pending domain becomes active on this refresh call (1 = the first refresh).
    /// Zero or less turns refresh-count activation off, leaving only <see cref="TimeUntilActive"/>.
    /// </summary>
    public int RefreshesUntilActive { get; set; } = 3;

    /// <summary>
    /// When set, a pending domain is also active once this much emulator-clock time has passed since
    /// its creation, as Cloudflare re-checks on its own schedule. Observed on any read of the domain.
    /// </summary>
    public TimeSpan? TimeUntilActive { get; set; }

    /// <summary>HTTP status of a domains call made with an expired access token (the API answers 401 or 400).</summary>
    public int ExpiredTokenStatus { get; set; } = 401;

    /// <summary>When true, /auth/validate gives expires_at in Unix milliseconds instead of seconds.</summary>
    public bool ExpiresAtInMilliseconds { get; set; }

    /// <summary>When true, a refresh also returns a new refresh_token and revokes the old one.</summary>
    public bool RotateRefreshToken { get; set; }

    /// <summary>Real-time latency added to /auth/validate, so tests can pile up concurrent refreshers.</summary>
    public TimeSpan ValidateDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Real-time latency added to every domains request, so tests can observe concurrency.</summary>
    public TimeSpan RequestDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Real-time latency added to every API request (not to control requests), before any fault or
    /// endpoint runs, e.g. to give a throttling benchmark something to overlap.
    /// </summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Serve https with a self-signed certificate generated at start (read at start only). Clients
    /// that do not trust <see cref="EmulatorServer.Certificate"/> fail the TLS handshake, which is
    /// how a test shows what the module says about an untrusted certificate.
    /// </summary>
    public bool UseHttps { get; set; }

    /// <summary>
    /// The emulator's time source: the "real" time of a test, which a test moves by hand (the
    /// standalone emulator moves it with the wall clock). The request log's times are read from it.
    /// </summary>
    public ManualClock Clock { get; set; } = new ManualClock();

    /// <summary>
    /// How far the emulated server's own clock is off from <see cref="Clock"/> (negative = behind).
    /// Everything the server stamps or judges uses Clock + ClockOffset: the expires_at it issues,
    /// whether a token has expired, created_at, check_timestamp and time-based activation. So with an
    /// offset of -3 h and a 1 h token lifetime, a freshly issued token's expires_at is already 2 h in
    /// the past on <see cref="Clock"/>, yet the server still accepts the token for an hour.
    /// Instants already issued keep their value when the offset changes.
    /// </summary>
    public TimeSpan ClockOffset { get; set; } = TimeSpan.Zero;

    /// <summary>Access token of the demo account; null gives a random one. The standalone run fixes it.</summary>
    public string? DemoAccessToken { get; set; }

    /// <summary>Refresh token of the demo account; null gives a random one.</summary>
    public string? DemoRefreshToken { get; set; }

    /// <summary>The emulated server's notion of now: <see cref="Clock"/> plus <see cref="ClockOffset"/>.</summary>
    internal DateTimeOffset ServerNow => Clock.GetUtcNow() + ClockOffset;

    /// <summary>Called after each request is recorded (on a server thread); the standalone run prints it.</summary>
    public Action<RecordedRequest>? RequestObserver { get; set; }
}
