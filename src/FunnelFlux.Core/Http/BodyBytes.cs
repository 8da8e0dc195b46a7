using System;
using System.Text;

namespace FunnelFlux.Http
{
    /// <summary>
    /// An answer's body as it arrived: bytes, their count and their encoding. The text is made
    /// from them only when someone asks for it (an error message, -Debug, a text answer), since
    /// JSON is read from the UTF-8 bytes directly.
    /// </summary>
    internal readonly struct BodyBytes
    {
        public static readonly BodyBytes Empty = new BodyBytes(Array.Empty<byte>(), 0);

        public BodyBytes(byte[] buffer, int length, Encoding? encoding = null, bool rented = false)
        {
            Buffer = buffer;
            Length = length;
            Encoding = encoding ?? Encoding.UTF8;
            Rented = rented;
        }

        /// <summary>The bytes; only the first <see cref="Length"/> are the body (a rented buffer is longer).</summary>
        public byte[] Buffer { get; }

        public int Length { get; }

        public Encoding Encoding { get; }

        /// <summary>True when <see cref="Buffer"/> was rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>.</summary>
        public bool Rented { get; }

        public BodyBytes WithEncoding(Encoding encoding) => new BodyBytes(Buffer, Length, encoding, Rented);

        /// <summary>The bytes after a UTF-8 byte order mark, when the body is UTF-8; otherwise empty.</summary>
        public bool TryGetUtf8(out ReadOnlyMemory<byte> utf8)
        {
            if (!(Encoding is UTF8Encoding))
            {
                utf8 = ReadOnlyMemory<byte>.Empty;
                return false;
            }
            int skip = Length >= 3 && Buffer[0] == 0xEF && Buffer[1] == 0xBB && Buffer[2] == 0xBF ? 3 : 0;
            utf8 = new ReadOnlyMemory<byte>(Buffer, skip, Length - skip);
            return true;
        }

        /// <summary>
        /// The body's text from its first non-blank byte, decoding no more than an excerpt of
        /// <paramref name="chars"/> characters needs, so that a long body is not made into text
        /// whole for one line of output. <paramref name="more"/> tells whether anything but blanks
        /// follows what was decoded. A body in another encoding than UTF-8 is decoded whole.
        /// </summary>
        public string DecodeStart(int chars, out bool more)
        {
            more = false;
            if (!TryGetUtf8(out var utf8))
            {
                return Decode();
            }
            int start = Length - utf8.Length;
            while (start < Length && IsAsciiBlank(Buffer[start]))
            {
                start++;
            }
            // A UTF-16 character takes at most three UTF-8 bytes, so these bytes hold more than
            // `chars` whole characters whenever the body is that long; a sequence cut at the end
            // becomes a replacement character past them.
            int take = (int)Math.Min(Length - start, 3L * (chars + 1));
            for (int i = start + take; i < Length; i++)
            {
                if (!IsAsciiBlank(Buffer[i]))
                {
                    more = true;
                    break;
                }
            }
            return Encoding.UTF8.GetString(Buffer, start, take);
        }

        /// <summary>The blanks JSON allows between tokens (space, tab, CR, LF).</summary>
        internal static bool IsAsciiBlank(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        public string Decode()
        {
            if (TryGetUtf8(out var utf8))
            {
                return utf8.Length == 0 ? string.Empty : Encoding.UTF8.GetString(Buffer, Length - utf8.Length, utf8.Length);
            }
            return Encoding.GetString(Buffer, 0, Length);
        }
    }
}
