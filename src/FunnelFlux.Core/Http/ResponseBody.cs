using System;
using System.Buffers;
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
        /// From this size a buffer may be rented: below it an array is cheap, while a new array this
        /// large goes to the large object heap, whose every few megabytes bring on a full garbage
        /// collection (which a long list, read again and again, would otherwise cause).
        /// </summary>
        internal const int RentFrom = 64 * 1024;

        /// <summary>
        /// Up to this size a buffer may be rented. The pool keeps what it is given back for a
        /// while, so a rare, huge answer (the limit can be raised to 1 GB) gets an array of its own
        /// rather than leaving that much memory parked in the pool.
        /// </summary>
        internal const int RentUpTo = 16 * 1024 * 1024;

        /// <summary>
        /// The body's bytes, read once into one array: of exactly the announced length when there
        /// is one, else grown as the bytes come (never past the limit). No copy is made afterwards:
        /// the answer keeps these bytes and JSON is read from them directly. With
        /// <paramref name="mayRent"/>, a large body is read into a buffer rented from the shared
        /// pool, which the caller gives back (<see cref="ApiResponse.ReturnBody"/>) once read.
        /// </summary>
        public static async Task<BodyBytes> ReadAsync(HttpResponseMessage answer, long limit, bool mayRent, CancellationToken cancellationToken)
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
                body = await ReadBoundedAsync(stream, answer, limit, declared, mayRent, cancellationToken).ConfigureAwait(false);
            }
#else
            // netstandard2.0's stream reads ignore the token: disposing the answer aborts a body that stalls.
            using (cancellationToken.Register(answer.Dispose))
            {
                try
                {
                    using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
                    {
                        body = await ReadBoundedAsync(stream, answer, limit, declared, mayRent, cancellationToken).ConfigureAwait(false);
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

        private static async Task<BodyBytes> ReadBoundedAsync(Stream stream, HttpResponseMessage answer, long limit, long? declared, bool mayRent, CancellationToken cancellationToken)
        {
            // An announced length is trusted for the first allocation only; the bytes are still
            // counted. `capacity` is the buffer's size as asked for: a rented one may be longer.
            int capacity = declared.HasValue ? (int)declared.Value : (int)Math.Min(ChunkSize, limit);
            var buffer = NewBuffer(mayRent, capacity, out bool rented);
            int length = 0;
            while (true)
            {
                if (length == capacity)
                {
                    // Full: one more byte tells the end (the usual case, with no copy) from a body
                    // longer than announced, or unannounced, that must grow.
                    var probe = new byte[1];
                    if (await stream.ReadAsync(probe, 0, 1, cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return new BodyBytes(buffer, length, rented: rented);
                    }
                    if (length >= limit)
                    {
                        throw new ResponseTooLargeException((int)answer.StatusCode, limit, null);
                    }
                    capacity = (int)Math.Min(Math.Max(capacity * 2L, ChunkSize), limit);
                    var grown = NewBuffer(mayRent, capacity, out bool rentGrown);
                    Buffer.BlockCopy(buffer, 0, grown, 0, length);
                    if (rented)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    buffer = grown;
                    rented = rentGrown;
                    buffer[length++] = probe[0];
                    continue;
                }
                int read = await stream.ReadAsync(buffer, length, capacity - length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BodyBytes(buffer, length, rented: rented);
                }
                length += read;
            }
        }

        /// <summary>A buffer of at least <paramref name="capacity"/> bytes: rented when the caller allows it and the size is in the rented range.</summary>
        private static byte[] NewBuffer(bool mayRent, int capacity, out bool rented)
        {
            rented = mayRent && capacity >= RentFrom && capacity <= RentUpTo;
            return rented ? ArrayPool<byte>.Shared.Rent(capacity) : new byte[capacity];
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
