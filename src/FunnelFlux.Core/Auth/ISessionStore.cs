using System;
using System.Threading;
using System.Threading.Tasks;

namespace FunnelFlux.Auth
{
    /// <summary>Where a session is kept between PowerShell sessions.</summary>
    internal interface ISessionStore
    {
        /// <summary>Where the session lives, for Get-FFContext (a file path).</summary>
        string Location { get; }

        /// <summary>The saved session, or null when there is none.</summary>
        SavedSession? Load();

        /// <summary>Writes the session atomically, readable by the current user only.</summary>
        void Save(SavedSession session);

        /// <summary>Deletes the saved session; false when there was none.</summary>
        bool Delete();

        /// <summary>An exclusive lock across processes, held while tokens are renewed and saved.</summary>
        Task<IDisposable> LockAsync(CancellationToken cancellationToken);
    }

    internal sealed class SavedSession
    {
        public SavedSession(Uri apiUri, TokenSet tokens, DateTimeOffset savedAt)
        {
            ApiUri = apiUri;
            Tokens = tokens;
            SavedAt = savedAt;
        }

        public Uri ApiUri { get; }

        public TokenSet Tokens { get; }

        public DateTimeOffset SavedAt { get; }

        public override string ToString() => $"SavedSession({ApiUri}, saved {SavedAt:u})";
    }
}
