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

        public static async Task<string> ReadAsync(HttpResponseMessage answer, long limit, CancellationToken cancellationToken)
        {
            var content = answer.Content;
            if (content == null)
            {
                return string.Empty;
            }
            long? declared = content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > limit)
            {
                throw new ResponseTooLargeException((int)answer.StatusCode, limit, declared);
            }

            byte[] bytes;
#if NET8_0_OR_GREATER
            using (var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                bytes = await ReadBoundedAsync(stream, answer, limit, declared, cancellationToken).ConfigureAwait(false);
            }
#else
            // netstandard2.0's stream reads ignore the token: disposing the answer aborts a body that stalls.
            using (cancellationToken.Register(answer.Dispose))
            {
                try
                {
                    using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
                    {
                        bytes = await ReadBoundedAsync(stream, answer, limit, declared, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (ObjectDisposedException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("Reading the answer was cancelled.", e, cancellationToken);
                }
            }
#endif
            return Decode(bytes, content.Headers.ContentType?.CharSet);
        }

        private static async Task<byte[]> ReadBoundedAsync(Stream stream, HttpResponseMessage answer, long limit, long? declared, CancellationToken cancellationToken)
        {
            int initial = (int)Math.Min(declared ?? ChunkSize, Math.Min(limit, int.MaxValue));
            using var buffer = new MemoryStream(Math.Max(initial, 0));
            var chunk = new byte[ChunkSize];
            long total = 0;
            while (true)
            {
                int read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.ToArray();
                }
                total += read;
                if (total > limit)
                {
                    throw new ResponseTooLargeException((int)answer.StatusCode, limit, null);
                }
                buffer.Write(chunk, 0, read);
            }
        }

        private static string Decode(byte[] bytes, string? charset)
        {
            Encoding encoding = Encoding.UTF8;
            if (!string.IsNullOrWhiteSpace(charset))
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset!.Trim().Trim('"'));
                }
                catch (ArgumentException)
                {
                    // An unknown charset: JSON is UTF-8 anyway.
                }
            }
            int skip = encoding is UTF8Encoding && bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return encoding.GetString(bytes, skip, bytes.Length - skip);
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
