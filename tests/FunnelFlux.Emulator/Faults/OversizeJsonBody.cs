using System.Text;

namespace FunnelFlux.Emulator;

/// <summary>
/// A syntactically valid, plausible JSON answer of exactly <see cref="Length"/> bytes: a domain list
/// of identical-looking summaries, then a padding string that makes up the exact size. It is
/// generated while it is written, through one reused buffer, so even gigabytes cost the server no
/// memory.
/// </summary>
internal sealed class OversizeJsonBody
{
    private const int BufferSize = 64 * 1024;
    private const int IndexDigits = 9;

    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("{\"success\":true,\"domains\":[");
    private static readonly byte[] PaddingStart = Encoding.UTF8.GetBytes("],\"padding\":\"");
    private static readonly byte[] End = Encoding.UTF8.GetBytes("\"}");
    private static readonly byte[] Comma = Encoding.UTF8.GetBytes(",");

    // The index digits are written over the zeros (twice: in the id and in the hostname).
    private static readonly byte[] ItemTemplate = Encoding.UTF8.GetBytes(
        "{\"id\":\"oversize-000000000\",\"domain\":\"d000000000.example.com\",\"cloudflare_id\":\"00000000-0000-0000-0000-000000000000\"," +
        "\"status\":\"pending\",\"ssl_status\":\"pending_validation\",\"verification_errors\":[],\"created_at\":\"2026-01-01T00:00:00Z\"}");

    private static readonly int[] DigitPositions = FindDigitPositions();

    public OversizeJsonBody(long length)
    {
        if (length < MinimumLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"An oversize body is at least {MinimumLength} bytes.");
        }

        Length = length;
        long room = length - Prefix.Length - PaddingStart.Length - End.Length;

        // n items take n * item + (n - 1) commas; whatever is left is padding.
        long items = room < ItemTemplate.Length ? 0 : (room + 1) / (ItemTemplate.Length + 1);
        Items = Math.Min(items, MaxItems);
        PaddingLength = room - (Items == 0 ? 0 : (Items * ItemTemplate.Length) + Items - 1);
    }

    /// <summary>The smallest body: an empty list and an empty padding string.</summary>
    public static long MinimumLength => Prefix.Length + PaddingStart.Length + End.Length;

    private static long MaxItems => 999_999_999;

    public long Length { get; }

    public long Items { get; }

    public long PaddingLength { get; }

    /// <summary>
    /// Writes the body; <paramref name="beforeLastPiece"/> runs just before the final piece goes out,
    /// so the caller can settle its records before the client can hold the whole answer.
    /// </summary>
    public async Task WriteToAsync(Stream destination, Action beforeLastPiece, CancellationToken cancellation)
    {
        var output = new PieceBuffer(destination, Length, beforeLastPiece, cancellation);
        byte[] item = (byte[])ItemTemplate.Clone();

        // Appending only awaits when the buffer is full, so the loop allocates nothing per item.
        await output.AppendAsync(Prefix).ConfigureAwait(false);
        for (long i = 0; i < Items; i++)
        {
            if (i > 0)
            {
                await output.AppendAsync(Comma).ConfigureAwait(false);
            }

            WriteIndex(item, i + 1);
            await output.AppendAsync(item).ConfigureAwait(false);
        }

        await output.AppendAsync(PaddingStart).ConfigureAwait(false);
        for (long left = PaddingLength; left > 0;)
        {
            left -= await output.AppendSpacesAsync(left).ConfigureAwait(false);
        }

        await output.AppendAsync(End).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static void WriteIndex(byte[] item, long index)
    {
        long rest = index;
        for (int d = IndexDigits - 1; d >= 0; d--)
        {
            byte digit = (byte)('0' + (rest % 10));
            rest /= 10;
            item[DigitPositions[d]] = digit;
            item[DigitPositions[IndexDigits + d]] = digit;
        }
    }

    private static int[] FindDigitPositions()
    {
        string text = Encoding.UTF8.GetString(ItemTemplate);
        int id = text.IndexOf("oversize-", StringComparison.Ordinal) + "oversize-".Length;
        int host = text.IndexOf("\"d000000000.", StringComparison.Ordinal) + 2;
        return Enumerable.Range(id, IndexDigits).Concat(Enumerable.Range(host, IndexDigits)).ToArray();
    }

    /// <summary>One reused 64 KB buffer in front of the destination stream.</summary>
    private sealed class PieceBuffer(Stream destination, long total, Action beforeLastPiece, CancellationToken cancellation)
    {
        private readonly byte[] _buffer = new byte[BufferSize];
        private int _used;
        private long _written;

        public ValueTask AppendAsync(ReadOnlyMemory<byte> piece)
        {
            if (piece.Length <= _buffer.Length - _used)
            {
                piece.Span.CopyTo(_buffer.AsSpan(_used));
                _used += piece.Length;
                return _used == _buffer.Length ? FlushAsync() : ValueTask.CompletedTask;
            }

            return AppendSlowlyAsync(piece);
        }

        /// <summary>Adds up to <paramref name="wanted"/> spaces (as many as fit); returns how many.</summary>
        public async ValueTask<long> AppendSpacesAsync(long wanted)
        {
            int take = (int)Math.Min(wanted, _buffer.Length - _used);
            _buffer.AsSpan(_used, take).Fill((byte)' ');
            _used += take;
            if (_used == _buffer.Length)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            return take;
        }

        public async ValueTask FlushAsync()
        {
            if (_used == 0)
            {
                return;
            }

            if (_written + _used == total)
            {
                beforeLastPiece();
            }

            await destination.WriteAsync(_buffer.AsMemory(0, _used), cancellation).ConfigureAwait(false);
            _written += _used;
            _used = 0;
        }

        private async ValueTask AppendSlowlyAsync(ReadOnlyMemory<byte> piece)
        {
            while (piece.Length > 0)
            {
                int take = Math.Min(piece.Length, _buffer.Length - _used);
                piece[..take].CopyTo(_buffer.AsMemory(_used));
                _used += take;
                piece = piece[take..];
                if (_used == _buffer.Length)
                {
                    await FlushAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
