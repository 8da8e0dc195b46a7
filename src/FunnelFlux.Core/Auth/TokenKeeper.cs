using System;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// Holds a session's tokens and renews the access token: shortly before it expires (at most
    /// once per expiry, see <see cref="RenewalDue"/>), and once after the API refuses it. However many requests, threads or runspaces wait, only one
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

        /// <summary>The first check of a new session (see <see cref="AuthClient.ConnectAsync"/>).</summary>
        public async Task ValidateInitialAsync(IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var start = Current;
            var result = await _auth.ConnectAsync(start.AccessToken, start.RefreshToken, sink, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, Build(result, start.RefreshToken, start.Generation + 1, renewedFor: null));
        }

        /// <summary>
        /// After a 400: asks the API whether <paramref name="used"/> (the token that got it) still
        /// holds. True only when the API refuses it, that is when the 400 was the API's way of saying
        /// "expired"; anything else leaves the 400 standing. Never a guess from the answer's words.
        /// </summary>
        public async Task<bool> WasRefusedAsExpiredAsync(TokenSet used, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            sink?.Verbose("FunnelFlux answered 400; asking whether the access token still holds (the API answers 400 to some requests made with an expired token).");
            bool? refused = await _auth.IsRefusedAsync(used.AccessToken, sink, cancellationToken).ConfigureAwait(false);
            if (refused == true)
            {
                return true;
            }
            sink?.Verbose("The access token still holds, so the 400 is the answer; the request is not repeated.");
            return false;
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
                    // The saved session is this one's only while it holds the same sign-in (refresh
                    // token): another Connect-FFAccount may have saved a different account there, and
                    // Disconnect-FFAccount may have deleted it. Only then is it adopted or written.
                    var saved = TryLoadOwnSaved(store, current);
                    var adopted = saved == null ? null : TryAdoptSaved(saved, current);
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
                    var renewed = Build(result, current.RefreshToken, current.Generation + 1, renewedFor: current.ExpiresAt);
                    Volatile.Write(ref _current, renewed);
                    if (saved != null)
                    {
                        store!.Save(new SavedSession(_apiUri, renewed, _time.GetUtcNow()));
                    }
                    else if (store != null)
                    {
                        sink?.Verbose("The renewed access token was not saved: the saved session was removed, or now holds another sign-in.");
                    }
                    return renewed;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The saved session, when it is this sign-in's: same API and same refresh token.</summary>
        private SavedSession? TryLoadOwnSaved(ISessionStore? store, TokenSet current)
        {
            if (store == null || current.RefreshToken == null)
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
            return saved != null && SameApi(saved.ApiUri, _apiUri) &&
                string.Equals(saved.Tokens.RefreshToken, current.RefreshToken, StringComparison.Ordinal)
                ? saved
                : null;
        }

        /// <summary>The tokens another session of this sign-in renewed and saved, if it did.</summary>
        private TokenSet? TryAdoptSaved(SavedSession saved, TokenSet current)
        {
            if (string.Equals(saved.Tokens.AccessToken, current.AccessToken, StringComparison.Ordinal))
            {
                return null;
            }
            var t = saved.Tokens;
            string? refresh = t.RefreshToken ?? current.RefreshToken;
            return new TokenSet(t.AccessToken, t.ExpiresAt, refresh, current.Generation + 1,
                RenewalDue(t.ExpiresAt, refresh, saved.SavedAt, renewedFor: null));
        }

        private TokenSet Build(ValidateResult result, string? previousRefreshToken, long generation, DateTimeOffset? renewedFor)
        {
            string? refresh = result.RefreshToken ?? previousRefreshToken;
            return new TokenSet(result.AccessToken, result.ExpiresAt, refresh, generation,
                RenewalDue(result.ExpiresAt, refresh, _time.GetUtcNow(), renewedFor));
        }

        /// <summary>
        /// When to renew a token ahead of its expiry, judged from when it was received
        /// (<paramref name="receivedAt"/>, on this computer's clock):
        /// <list type="bullet">
        /// <item>normally <see cref="RenewAhead"/> before <paramref name="expiresAt"/>, or at it when
        /// the token arrived inside that window;</item>
        /// <item>never ahead of time when the expiry had already passed when the token arrived: the
        /// server just accepted it, so its clock and this one disagree, and only a refusal can say
        /// when it really ends;</item>
        /// <item>at most once per expiry: when a renewal brings back the expiry it was made for
        /// (<paramref name="renewedFor"/>), the server still considers the token valid, and asking
        /// again before it refuses the token would only repeat the answer.</item>
        /// </list>
        /// Null means: renew only when the API refuses the token.
        /// </summary>
        internal static DateTimeOffset? RenewalDue(DateTimeOffset? expiresAt, string? refreshToken, DateTimeOffset receivedAt, DateTimeOffset? renewedFor)
        {
            if (!expiresAt.HasValue || refreshToken == null)
            {
                return null;
            }
            if (expiresAt.Value <= receivedAt || expiresAt == renewedFor)
            {
                return null;
            }
            var early = expiresAt.Value - RenewAhead;
            return early > receivedAt ? early : expiresAt.Value;
        }

        internal static bool SameApi(Uri a, Uri b) =>
            string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }
}
