using System;

namespace FunnelFlux
{
    /// <summary>Where a session is kept: in this process only, or saved for the current user.</summary>
    public enum ContextScope
    {
        Process,
        CurrentUser,
    }

    /// <summary>
    /// What a <see cref="Context"/> shows of a live session. The session itself (HTTP client,
    /// tokens) lives in FunnelFlux.Core, behind the module's private load context; this is the
    /// narrow view the public object needs, and never exposes a token.
    /// </summary>
    internal interface ISessionView
    {
        Uri ApiUri { get; }

        DateTimeOffset? AccessTokenExpiresAt { get; }

        bool HasRefreshToken { get; }

        string? SavedSessionPath { get; }

        DateTimeOffset ConnectedAt { get; }

        DateTimeOffset Now { get; }
    }

    /// <summary>
    /// What Get-FFContext shows and -Context accepts: a live session, described without its tokens.
    /// </summary>
    public sealed class Context
    {
        internal Context(ISessionView session, ContextScope scope)
        {
            Session = session ?? throw new ArgumentNullException(nameof(session));
            Scope = scope;
        }

        /// <summary>The session (an ApiSession of FunnelFlux.Core).</summary>
        internal ISessionView Session { get; }

        public Uri ApiUri => Session.ApiUri;

        /// <summary>When the current access token expires (it is renewed automatically with a refresh token).</summary>
        public DateTimeOffset? AccessTokenExpiresAt => Session.AccessTokenExpiresAt;

        public bool AccessTokenExpired => AccessTokenExpiresAt.HasValue && AccessTokenExpiresAt.Value <= Session.Now;

        public bool HasRefreshToken => Session.HasRefreshToken;

        public ContextScope Scope { get; }

        /// <summary>The saved session file, for -Scope CurrentUser; null otherwise.</summary>
        public string? SavedSessionPath => Session.SavedSessionPath;

        public DateTimeOffset ConnectedAt => Session.ConnectedAt;

        public override string ToString() => $"{ApiUri} ({Scope})";
    }
}
