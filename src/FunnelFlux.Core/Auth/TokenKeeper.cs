using System;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// Holds a session's tokens and renews the access token: shortly before it expires, and once
    /// after the API refuses it. However many requests, threads or runspaces wait, only one
    /// renewal runs at a time; the others reuse its result. With a saved session, a file lock
    /// extends that to other processes, and a token another process already renewed is adopted.
    /// </summary>
    internal sealed class TokenKeeper
    {
        /// <summary>How far ahead of expiry a token is renewed.</summary>
        public static readonly TimeSpan RenewAhead = TimeSpan.FromSeconds(60);

        private readonly AuthClient _auth;
        private readonly TimeProvider _time;
        private readonly Uri _apiUri;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private TokenSet _current;
        private int _renewals;

        public TokenKeeper(AuthClient auth, TimeProvider time, Uri apiUri, TokenSet initial)
        {
            _auth = auth;
            _time = time;
            _apiUri = apiUri;
            _current = initial;
        }

        public TokenSet Current => Volatile.Read(ref _current);

        /// <summary>Where renewed tokens are saved (a -Scope CurrentUser session), or null.</summary>
        public ISessionStore? Store { get; set; }

        /// <summary>How many times /auth/validate was called to renew a token (for tests and Verbose).</summary>
        public int Renewals => Volatile.Read(ref _renewals);

        /// <summary>
        /// The first check of a new session: validates the access token alone, and only if that is
        /// refused (expired) sends the refresh token too, so the refresh token travels only when needed.
        /// </summary>
        public async Task ValidateInitialAsync(IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var start = Current;
            ValidateResult result;
            try
            {
                result = await _auth.ValidateAsync(start.AccessToken, null, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.ErrorId == "AccessTokenRejected" && start.RefreshToken != null)
            {
                sink?.Verbose("The access token has expired; renewing it with the refresh token.");
                result = await _auth.ValidateAsync(start.AccessToken, start.RefreshToken, sink, cancellationToken).ConfigureAwait(false);
            }
            Volatile.Write(ref _current, Build(result, start.RefreshToken, start.Generation + 1));
        }

        /// <summary>The tokens to send now, renewed first if they are due.</summary>
        public Task<TokenSet> GetUsableAsync(IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var tokens = Current;
            if (tokens.RefreshDueAt.HasValue && _time.GetUtcNow() >= tokens.RefreshDueAt.Value)
            {
                sink?.Verbose("The access token expires soon; renewing it first.");
                return RenewAsync(tokens.Generation, sink, cancellationToken);
            }
            return Task.FromResult(tokens);
        }

        /// <summary>
        /// Renews the tokens of generation <paramref name="observedGeneration"/>. When another caller
        /// has renewed them meanwhile, returns that result without calling the API again.
        /// </summary>
        public async Task<TokenSet> RenewAsync(long observedGeneration, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = Current;
                if (current.Generation != observedGeneration)
                {
                    return current;
                }
                var store = Store;
                using (store == null ? null : await store.LockAsync(cancellationToken).ConfigureAwait(false))
                {
                    var adopted = TryAdoptSaved(store, current);
                    if (adopted != null)
                    {
                        sink?.Verbose("Using the access token that another PowerShell session renewed.");
                        Volatile.Write(ref _current, adopted);
                        if (adopted.RefreshDueAt == null || _time.GetUtcNow() < adopted.RefreshDueAt.Value)
                        {
                            return adopted;
                        }
                        current = adopted;
                    }
                    if (current.RefreshToken == null)
                    {
                        throw new FunnelFluxException(
                            "AccessTokenExpired",
                            FailureKind.Authentication,
                            "The access token has expired and this session holds no refresh token to renew it.",
                            "Run Connect-FFAccount again with a new access token, and pass -RefreshToken so the session can renew itself. Tokens are created in the FunnelFlux Pro app (Settings > API Access).");
                    }
                    var result = await _auth.ValidateAsync(current.AccessToken, current.RefreshToken, sink, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _renewals);
                    var renewed = Build(result, current.RefreshToken, current.Generation + 1);
                    Volatile.Write(ref _current, renewed);
                    store?.Save(new SavedSession(_apiUri, renewed, _time.GetUtcNow()));
                    return renewed;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        private TokenSet? TryAdoptSaved(ISessionStore? store, TokenSet current)
        {
            if (store == null)
            {
                return null;
            }
            SavedSession? saved;
            try
            {
                saved = store.Load();
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                return null;
            }
            if (saved == null || !SameApi(saved.ApiUri, _apiUri) ||
                string.Equals(saved.Tokens.AccessToken, current.AccessToken, StringComparison.Ordinal))
            {
                return null;
            }
            var t = saved.Tokens;
            return new TokenSet(t.AccessToken, t.ExpiresAt, t.RefreshToken ?? current.RefreshToken, current.Generation + 1,
                DueAt(t.ExpiresAt, t.RefreshToken ?? current.RefreshToken, sameToken: false));
        }

        private TokenSet Build(ValidateResult result, string? previousRefreshToken, long generation)
        {
            string? refresh = result.RefreshToken ?? previousRefreshToken;
            return new TokenSet(result.AccessToken, result.ExpiresAt, refresh, generation, DueAt(result.ExpiresAt, refresh, result.SameAccessToken));
        }

        /// <summary>
        /// Renew <see cref="RenewAhead"/> before expiry. But when the server has just repeated the
        /// same token (it does so while a token is valid), asking again before the token actually
        /// expires would only repeat it again: then renew at expiry.
        /// </summary>
        private DateTimeOffset? DueAt(DateTimeOffset? expiresAt, string? refreshToken, bool sameToken)
        {
            if (!expiresAt.HasValue || refreshToken == null)
            {
                return null;
            }
            var early = expiresAt.Value - RenewAhead;
            return sameToken && _time.GetUtcNow() >= early ? expiresAt.Value : early;
        }

        internal static bool SameApi(Uri a, Uri b) =>
            string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }
}
