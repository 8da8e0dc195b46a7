using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Auth.Wire;
using FunnelFlux.Http;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// Keeps a session in a per-user file: mode 0600 (in a 0700 folder) on Unix, encrypted with
    /// DPAPI for the current user on Windows. Every write goes to a new private temporary file
    /// that then replaces the old one, so a reader sees the old session or the new, never half.
    /// </summary>
    internal sealed class FileSessionStore : ISessionStore
    {
        /// <summary>Overrides the saved session's path (tests, or users who keep it elsewhere).</summary>
        public const string PathVariable = "FUNNELFLUX_SESSION_PATH";

        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public FileSessionStore(string path)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A path is required.", nameof(path));
            Location = Path.GetFullPath(path);
        }

        public string Location { get; }

        /// <summary>$FUNNELFLUX_SESSION_PATH, or FunnelFlux/session.json under the user's local application data.</summary>
        public static string DefaultPath()
        {
            string? overridden = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrWhiteSpace(overridden))
            {
                return overridden!;
            }
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root))
            {
                throw new InvalidOperationException(
                    $"There is no per-user application data folder to save the session in. Set {PathVariable} to a file path the current user owns.");
            }
            return Path.Combine(root, "FunnelFlux", "session.json");
        }

        /// <summary>
        /// The saved session, or null when there is none. Everything in the file is checked before
        /// it is believed: a file or folder that other users can read or change is refused (as ssh
        /// refuses such a private key), the API address must pass the rules of -ApiUri, and the
        /// tokens and times must make sense.
        /// </summary>
        /// <exception cref="SavedSessionUnreadableException">The file is there but cannot be used.</exception>
        public SavedSession? Load()
        {
            if (Directory.Exists(Location))
            {
                throw Unreadable("it is a folder, not a file", $"Move that folder away, or set {PathVariable} to a file path, then connect again with -Scope CurrentUser.");
            }
            if (!File.Exists(Location))
            {
                return null;
            }
            CheckPrivate();
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(Location);
                if (IsWindows)
                {
                    bytes = WindowsDataProtection.Unprotect(bytes);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                throw Unreadable($"it could not be read ({e.Message.TrimEnd('.')})", null, e);
            }
            SavedSessionDocument? doc;
            try
            {
                doc = JsonSerializer.Deserialize(bytes, CoreJsonContext.Default.SavedSessionDocument);
            }
            catch (JsonException e)
            {
                throw Unreadable("it is damaged (not the JSON the module writes)", null, e);
            }
            return Read(doc);
        }

        private SavedSession Read(SavedSessionDocument? doc)
        {
            if (doc == null)
            {
                throw Unreadable("it is empty", null);
            }
            if (doc.Version != 1)
            {
                throw Unreadable($"it has format version {doc.Version}, which this version of the module does not know", null);
            }
            if (string.IsNullOrWhiteSpace(doc.ApiUri) || !Uri.TryCreate(doc.ApiUri, UriKind.Absolute, out Uri? apiUri))
            {
                throw Unreadable("its API address is missing or not an absolute URI", null);
            }
            if (ApiUriPolicy.ProblemWith(apiUri) is string problem)
            {
                // Tokens go only where Connect-FFAccount would have let them go.
                throw Unreadable($"its API address is not allowed: {problem.TrimEnd('.')}", null);
            }
            if (string.IsNullOrEmpty(doc.AccessToken))
            {
                throw Unreadable("it holds no access token", null);
            }
            if (TokenText.FindProblem(doc.AccessToken!) is string badAccess)
            {
                throw Unreadable($"its access token {badAccess}", null);
            }
            if (doc.RefreshToken != null && TokenText.FindProblem(doc.RefreshToken) is string badRefresh)
            {
                throw Unreadable($"its refresh token {badRefresh}", null);
            }
            DateTimeOffset? expiresAt = null;
            if (doc.AccessTokenExpiresAtUnixMs.HasValue)
            {
                expiresAt = FromUnixMs(doc.AccessTokenExpiresAtUnixMs.Value, "access_token_expires_at");
            }
            DateTimeOffset savedAt = FromUnixMs(doc.SavedAtUnixMs, "saved_at");
            var tokens = new TokenSet(doc.AccessToken!, expiresAt, doc.RefreshToken, 0,
                TokenKeeper.RenewalDue(expiresAt, doc.RefreshToken, savedAt, renewedFor: null));
            return new SavedSession(apiUri!, tokens, savedAt);
        }

        private DateTimeOffset FromUnixMs(long value, string field)
        {
            // The instants a DateTimeOffset can hold: years 0001 to 9999.
            const long min = -62135596800000L;
            const long max = 253402300799999L;
            if (value < min || value > max)
            {
                throw Unreadable($"its {field} ({value}) is not a time", null);
            }
            return DateTimeOffset.FromUnixTimeMilliseconds(value);
        }

        /// <summary>
        /// On Unix: refuses a file that anyone but its owner may read or write, and a folder that
        /// others may change (unless it is sticky, like /tmp, where they cannot replace our file).
        /// Windows protects the content with DPAPI instead.
        /// </summary>
        private void CheckPrivate()
        {
            if (IsWindows)
            {
                return;
            }
            int? mode = UnixFilePermissions.GetMode(Location);
            if (mode.HasValue && (mode.Value & UnixFilePermissions.GroupOrOtherAccess) != 0)
            {
                throw Unreadable(
                    $"other users can read or change it (mode {UnixFilePermissions.Format(mode.Value)}); a file that holds tokens must be private to you (mode 0600), as ssh requires of a private key",
                    "It was not used. The tokens in it may be known to others: delete it (Disconnect-FFAccount -Scope CurrentUser), " +
                    "consider creating new tokens in the FunnelFlux Pro app (Settings > API Access), and connect again with -Scope CurrentUser.");
            }
            string? folderProblem = FolderProblem(Path.GetDirectoryName(Location)!);
            if (folderProblem != null)
            {
                throw Unreadable(folderProblem,
                    $"It was not used. Make the folder private (chmod 700), or set {PathVariable} to a file in a folder only you can change, then connect again with -Scope CurrentUser.");
            }
        }

        private static string? FolderProblem(string directory)
        {
            if (IsWindows || !Directory.Exists(directory))
            {
                return null;
            }
            int? mode = UnixFilePermissions.GetMode(directory);
            if (mode.HasValue && (mode.Value & UnixFilePermissions.GroupOrOtherWrite) != 0 && (mode.Value & UnixFilePermissions.Sticky) == 0)
            {
                return $"its folder {directory} can be changed by other users (mode {UnixFilePermissions.Format(mode.Value)}), so they could replace the file";
            }
            return null;
        }

        private SavedSessionUnreadableException Unreadable(string reason, string? advice, Exception? inner = null) =>
            new SavedSessionUnreadableException(
                $"The saved session {Location} cannot be used: {reason}. " +
                (advice ?? "Run Disconnect-FFAccount -Scope CurrentUser to delete it, then Connect-FFAccount -Scope CurrentUser again."),
                inner);

        public void Save(SavedSession session)
        {
            var doc = new SavedSessionDocument
            {
                ApiUri = session.ApiUri.AbsoluteUri,
                AccessToken = session.Tokens.AccessToken,
                AccessTokenExpiresAtUnixMs = session.Tokens.ExpiresAt?.ToUnixTimeMilliseconds(),
                RefreshToken = session.Tokens.RefreshToken,
                SavedAtUnixMs = session.SavedAt.ToUnixTimeMilliseconds(),
            };
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(doc, CoreJsonContext.Default.SavedSessionDocument);
            if (IsWindows)
            {
                bytes = WindowsDataProtection.Protect(bytes);
            }

            string directory = Path.GetDirectoryName(Location)!;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                UnixFilePermissions.Restrict(directory, UnixFilePermissions.OwnerOnlyDirectory);
            }
            if (Directory.Exists(Location))
            {
                throw new InvalidOperationException($"{Location} is a folder, not a file.");
            }
            if (FolderProblem(directory) is string folderProblem)
            {
                // The same rule as for reading: a saved session nobody would resume is not written.
                throw new InvalidOperationException($"The session is not saved there: {folderProblem}.");
            }

            string temporary = Location + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            try
            {
                // Restrict the empty file before any secret is written into it.
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    UnixFilePermissions.Restrict(temporary, UnixFilePermissions.OwnerReadWrite);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                ReplaceWithRetry(temporary, Location);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        public bool Delete()
        {
            bool existed = File.Exists(Location);
            if (existed)
            {
                File.Delete(Location);
            }
            string lockPath = LockPath;
            if (File.Exists(lockPath))
            {
                try { File.Delete(lockPath); } catch (IOException) { /* held by another process: harmless */ }
            }
            return existed;
        }

        public async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
        {
            string directory = Path.GetDirectoryName(Location)!;
            Directory.CreateDirectory(directory);
            var deadline = DateTime.UtcNow + LockTimeout;
            while (true)
            {
                try
                {
                    return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(25, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private string LockPath => Location + ".lock";

        private static void ReplaceWithRetry(string source, string destination)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (File.Exists(destination))
                    {
                        // rename(2) on Unix, ReplaceFile on Windows: atomic for readers.
                        File.Replace(source, destination, null);
                    }
                    else
                    {
                        File.Move(source, destination);
                    }
                    return;
                }
                catch (IOException) when (attempt < 10)
                {
                    // Windows refuses to replace a file another process is reading; that read is brief.
                    Thread.Sleep(20 * attempt);
                }
            }
        }

        public override string ToString() => Location;
    }

    /// <summary>A saved session file exists but cannot be used; the message says why and what to do.</summary>
    internal sealed class SavedSessionUnreadableException : InvalidOperationException
    {
        public SavedSessionUnreadableException(string message, Exception? inner)
            : base(message, inner)
        {
        }
    }
}
