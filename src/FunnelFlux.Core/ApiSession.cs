using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Auth;
using FunnelFlux.Errors;
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
            string access = accessToken.Trim();
            string? refresh = string.IsNullOrWhiteSpace(refreshToken) ? null : refreshToken!.Trim();
            // Checked before any request: a token that cannot travel in a header is a paste accident.
            if (CheckToken(access, "access") is FunnelFluxException badAccess) throw badAccess;
            if (refresh != null && CheckToken(refresh, "refresh") is FunnelFluxException badRefresh) throw badRefresh;
            var session = new ApiSession(options, new TokenSet(access, null, refresh, 0), handler, timeProvider);
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

        /// <summary>
        /// An InvalidArgument error when <paramref name="token"/> holds characters that cannot travel
        /// in an HTTP header (spaces inside, line breaks, non-ASCII), else null. Never quotes the token.
        /// </summary>
        /// <param name="which">"access" or "refresh".</param>
        internal static FunnelFluxException? CheckToken(string token, string which)
        {
            string? problem = TokenText.FindProblem(token);
            if (problem == null)
            {
                return null;
            }
            string id = which == "refresh" ? "RefreshTokenMalformed" : "AccessTokenMalformed";
            return new FunnelFluxException(
                id,
                FailureKind.InvalidArgument,
                $"The {which} token {problem}. A token is one piece of plain text (letters, digits and punctuation) and cannot travel in an HTTP header with anything else, so nothing was sent.",
                $"Copy the {which} token again, whole and without spaces or line breaks, from where you saved it (the FunnelFlux Pro app shows new tokens under Settings > API Access).");
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
        /// Sends an authenticated request. A refusal that means "token expired" renews the token
        /// once and repeats the request once: the server does not act on a request it refused for
        /// its token, so repeating it is safe even for a create. What means "expired" is what the
        /// API documents: a 401, or a 400 sent with a token that /auth/validate then refuses too.
        /// Any other 400 is the answer, whatever its text says, and is never repeated.
        /// </summary>
        internal async Task<ApiResponse> SendAsync(ApiRequest request, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var tokens = await _keeper.GetUsableAsync(sink, cancellationToken).ConfigureAwait(false);
            var response = await _transport.SendAsync(request, tokens.AccessToken, sink, cancellationToken).ConfigureAwait(false);
            bool expired = response.StatusCode == 401 ||
                (response.StatusCode == 400 && await _keeper.WasRefusedAsExpiredAsync(tokens, sink, cancellationToken).ConfigureAwait(false));
            if (!expired)
            {
                return response;
            }
            sink?.Verbose($"FunnelFlux refused the access token ({response.StatusCode}); renewing it and repeating the request once.");
            tokens = await _keeper.RenewAsync(tokens.Generation, sink, cancellationToken).ConfigureAwait(false);
            return await _transport.SendAsync(request, tokens.AccessToken, sink, cancellationToken).ConfigureAwait(false);
        }

        public void Dispose() => _transport.Dispose();

        public override string ToString() => $"FunnelFlux session for {ApiUri.GetLeftPart(UriPartial.Authority)}";
    }
}
