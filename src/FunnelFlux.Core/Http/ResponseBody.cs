using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FunnelFlux.Http
{
    /// <summary>
    /// Reads an answer's body with a size limit, so that a huge or endless answer (a fault, a proxy,
    /// a decompression bomb) costs at most the limit in memory: an announced Content-Length over the
    /// limit is refused before a byte is read, and otherwise the bytes are counted as they come.
    /// </summary>
    internal static class ResponseBody
    {
        private const int ChunkSize = 16 * 1024;

        /// <summary>
        /// The body's bytes, read once into one array: of exactly the announced length when there
        /// is one, else grown as the bytes come (never past the limit). No copy is made afterwards:
        /// the answer keeps these bytes and JSON is read from them directly.
        /// </summary>
        public static async Task<BodyBytes> ReadAsync(HttpResponseMessage answer, long limit, CancellationToken cancellationToken)
        {
            var content = answer.Content;
            if (content == null)
            {
                return BodyBytes.Empty;
            }
            long? declared = content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > limit)
            {
                throw new ResponseTooLargeException((int)answer.StatusCode, limit, declared);
            }

            BodyBytes body;
#if NET8_0_OR_GREATER
            using (var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                body = await ReadBoundedAsync(stream, answer, limit, declared, cancellationToken).ConfigureAwait(false);
            }
#else
            // netstandard2.0's stream reads ignore the token: disposing the answer aborts a body that stalls.
            using (cancellationToken.Register(answer.Dispose))
            {
                try
                {
                    using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
                    {
                        body = await ReadBoundedAsync(stream, answer, limit, declared, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (ObjectDisposedException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("Reading the answer was cancelled.", e, cancellationToken);
                }
            }
#endif
            return body.WithEncoding(EncodingOf(content.Headers.ContentType?.CharSet));
        }

        private static async Task<BodyBytes> ReadBoundedAsync(Stream stream, HttpResponseMessage answer, long limit, long? declared, CancellationToken cancellationToken)
        {
            // An announced length is trusted for the first allocation only; the bytes are still counted.
            var buffer = new byte[declared.HasValue ? (int)declared.Value : (int)Math.Min(ChunkSize, limit)];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    // Full: one more byte tells the end (the usual case, with no copy) from a body
                    // longer than announced, or unannounced, that must grow.
                    var probe = new byte[1];
                    if (await stream.ReadAsync(probe, 0, 1, cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return new BodyBytes(buffer, length);
                    }
                    if (length >= limit)
                    {
                        throw new ResponseTooLargeException((int)answer.StatusCode, limit, null);
                    }
                    Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, ChunkSize), limit));
                    buffer[length++] = probe[0];
                    continue;
                }
                int read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BodyBytes(buffer, length);
                }
                length += read;
            }
        }

        private static Encoding EncodingOf(string? charset)
        {
            if (!string.IsNullOrWhiteSpace(charset))
            {
                string name = charset!.Trim().Trim('"');
                // The usual answer: no lookup (a provider PowerShell registers takes a lock for it).
                if (string.Equals(name, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "utf8", StringComparison.OrdinalIgnoreCase))
                {
                    return Encoding.UTF8;
                }
                try
                {
                    return Encoding.GetEncoding(name);
                }
                catch (ArgumentException)
                {
                    // An unknown charset: JSON is UTF-8 anyway.
                }
            }
            return Encoding.UTF8;
        }

        /// <summary>"4 MB", "200.5 MB", "512 KB" (binary units, as the limit is given).</summary>
        public static string FormatSize(long bytes)
        {
            if (bytes >= 1024 * 1024)
            {
                return (bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
            }
            if (bytes >= 1024)
            {
                return (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
            }
            return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        }
    }
}
