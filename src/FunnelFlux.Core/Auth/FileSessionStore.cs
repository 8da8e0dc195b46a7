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

        public SavedSession? Load()
        {
            if (!File.Exists(Location))
            {
                return null;
            }
            byte[] bytes = File.ReadAllBytes(Location);
            if (IsWindows)
            {
                bytes = WindowsDataProtection.Unprotect(bytes);
            }
            SavedSessionDocument? doc;
            try
            {
                doc = JsonSerializer.Deserialize(bytes, CoreJsonContext.Default.SavedSessionDocument);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"The saved session at {Location} is damaged. Run Disconnect-FFAccount -Scope CurrentUser, then Connect-FFAccount again.", e);
            }
            if (doc?.AccessToken == null || !Uri.TryCreate(doc.ApiUri, UriKind.Absolute, out Uri? apiUri))
            {
                return null;
            }
            DateTimeOffset? expiresAt = doc.AccessTokenExpiresAtUnixMs.HasValue
                ? DateTimeOffset.FromUnixTimeMilliseconds(doc.AccessTokenExpiresAtUnixMs.Value)
                : (DateTimeOffset?)null;
            var tokens = new TokenSet(doc.AccessToken, expiresAt, doc.RefreshToken, 0,
                expiresAt.HasValue && doc.RefreshToken != null ? expiresAt.Value - TokenKeeper.RenewAhead : (DateTimeOffset?)null);
            return new SavedSession(apiUri!, tokens, DateTimeOffset.FromUnixTimeMilliseconds(doc.SavedAtUnixMs));
        }

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
}
