using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Auth;
using FunnelFlux.Http;

namespace FunnelFlux
{
    /// <summary>
    /// A connection to one FunnelFlux account: one reused HTTP client with its retry pipeline, and
    /// the tokens, renewed as needed. Safe to share between threads and runspaces.
    /// </summary>
    public sealed class ApiSession : IDisposable, ISessionView
    {
        private readonly ApiTransport _transport;
        private readonly TokenKeeper _keeper;
        private readonly TimeProvider _time;

        internal ApiSession(ApiClientOptions options, TokenSet tokens, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
        {
            _time = timeProvider ?? TimeProvider.System;
            _transport = new ApiTransport(options, handler, _time);
            _keeper = new TokenKeeper(new AuthClient(_transport), _time, _transport.Options.ApiUri, tokens);
            ConnectedAt = _time.GetUtcNow();
            Domains = new Domains.DomainsClient(this);
        }

        /// <summary>
        /// Starts a session and checks the access token with /auth/validate before returning
        /// (renewing it with <paramref name="refreshToken"/> when it has already expired).
        /// </summary>
        public static Task<ApiSession> ConnectAsync(ApiClientOptions options, string accessToken, string? refreshToken, IApiEventSink? sink = null, CancellationToken cancellationToken = default) =>
            ConnectAsync(options, accessToken, refreshToken, sink, null, null, cancellationToken);

        internal static async Task<ApiSession> ConnectAsync(ApiClientOptions options, string accessToken, string? refreshToken, IApiEventSink? sink, HttpMessageHandler? handler, TimeProvider? timeProvider, CancellationToken cancellationToken)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(accessToken)) throw new ArgumentException("An access token is required.", nameof(accessToken));
            var session = new ApiSession(options, new TokenSet(accessToken.Trim(), null, refreshToken?.Trim(), 0), handler, timeProvider);
            try
            {
                await session._keeper.ValidateInitialAsync(sink, cancellationToken).ConfigureAwait(false);
                return session;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        /// <summary>Resumes a saved session without a request; tokens are checked when first used.</summary>
        /// <remarks>
        /// The cmdlet layer calls this overload. It is compiled against the netstandard2.0 core but runs
        /// against the net8.0 one on PowerShell 7, so what it calls must not name a type whose home
        /// differs between the two builds (TimeProvider); ModuleLayoutTests checks FunnelFlux.dll's references.
        /// </remarks>
        internal static ApiSession Resume(SavedSession saved, ApiClientOptions options, ISessionStore store) =>
            Resume(saved, options, store, null, null);

        internal static ApiSession Resume(SavedSession saved, ApiClientOptions options, ISessionStore store, HttpMessageHandler? handler, TimeProvider? timeProvider)
        {
            var resumedOptions = options.Clone();
            resumedOptions.ApiUri = saved.ApiUri;
            var session = new ApiSession(resumedOptions, saved.Tokens, handler, timeProvider);
            session._keeper.Store = store;
            return session;
        }

        public Uri ApiUri => _transport.Options.ApiUri;

        public DateTimeOffset? AccessTokenExpiresAt => _keeper.Current.ExpiresAt;

        public bool HasRefreshToken => _keeper.Current.RefreshToken != null;

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>Where renewed tokens are saved, or null for a session kept in memory only.</summary>
        public string? SavedSessionPath => _keeper.Store?.Location;

        public ApiClientOptions Options => _transport.Options.Clone();

        /// <summary>The account's custom domains.</summary>
        public Domains.DomainsClient Domains { get; }

        internal TokenKeeper Tokens => _keeper;

        internal ApiTransport Transport => _transport;

        internal DateTimeOffset Now => _time.GetUtcNow();

        DateTimeOffset ISessionView.Now => Now;

        /// <summary>Saves the session now and after every renewal.</summary>
        internal void SaveTo(ISessionStore store)
        {
            store.Save(new SavedSession(ApiUri, _keeper.Current, _time.GetUtcNow()));
            _keeper.Store = store;
        }

        internal void StopSaving() => _keeper.Store = null;

        /// <summary>
        /// Sends an authenticated request. A refusal that means "token expired" (401, or a 400
        /// that says so) renews the token once and repeats the request once: the server did not
        /// act on a refused request, so repeating it is safe even for a create.
        /// </summary>
        internal async Task<ApiResponse> SendAsync(ApiRequest request, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var tokens = await _keeper.GetUsableAsync(sink, cancellationToken).ConfigureAwait(false);
            var response = await _transport.SendAsync(request, tokens.AccessToken, sink, cancellationToken).ConfigureAwait(false);
            if (!MeansTokenExpired(response, tokens))
            {
                return response;
            }
            sink?.Verbose($"FunnelFlux refused the access token ({response.StatusCode}); renewing it and repeating the request once.");
            tokens = await _keeper.RenewAsync(tokens.Generation, sink, cancellationToken).ConfigureAwait(false);
            return await _transport.SendAsync(request, tokens.AccessToken, sink, cancellationToken).ConfigureAwait(false);
        }

        private bool MeansTokenExpired(ApiResponse response, TokenSet tokens)
        {
            if (response.StatusCode == 401)
            {
                return true;
            }
            if (response.StatusCode != 400)
            {
                return false;
            }
            if (tokens.IsExpiredAt(_time.GetUtcNow()))
            {
                return true;
            }
            var envelope = ApiErrorTranslator.TryReadEnvelope(response);
            string text = ((envelope?.ErrorCode ?? "") + " " + (envelope?.ErrorMessage ?? "") + " " + (envelope?.Error ?? "") + " " + (envelope?.Message ?? "")).ToUpperInvariant();
            return text.Contains("TOKEN") || text.Contains("EXPIRED") || text.Contains("JWT");
        }

        public void Dispose() => _transport.Dispose();

        public override string ToString() => $"FunnelFlux session for {ApiUri.GetLeftPart(UriPartial.Authority)}";
    }
}
