#if NET8_0_OR_GREATER
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace FunnelFlux.Http
{
    /// <summary>
    /// One attempt as the module decided to make it, kept in an AsyncLocal so the connection's
    /// stream can see which attempt is writing. .NET's connection pool silently sends a request
    /// again when a pooled connection closes before any byte of the answer (dotnet/runtime#86714),
    /// so a DELETE the server carried out could reach it a second (up to fourth) time. The stream
    /// refuses any write of the same attempt on a second connection, before a byte leaves: the
    /// number of requests on the wire is then exactly the number of attempts, and the transport
    /// reports the lost answer instead (see <see cref="RefusedResend"/>).
    /// </summary>
    internal sealed class WireAttempt
    {
        private static readonly AsyncLocal<WireAttempt?> CurrentAttempt = new AsyncLocal<WireAttempt?>();

        private object? _connection;

        private WireAttempt()
        {
        }

        internal static WireAttempt? Current => CurrentAttempt.Value;

        /// <summary>True when the pool tried to send this attempt again and was stopped.</summary>
        public bool RefusedResend { get; private set; }

        /// <summary>Starts an attempt in the calling flow; the pool's writes for it run in this flow.</summary>
        public static WireAttempt Begin()
        {
            var attempt = new WireAttempt();
            CurrentAttempt.Value = attempt;
            return attempt;
        }

        /// <summary>Called by <paramref name="connection"/> before it writes bytes of the current request.</summary>
        internal void BeforeWrite(object connection)
        {
            object? first = Interlocked.CompareExchange(ref _connection, connection, null);
            if (first != null && !ReferenceEquals(first, connection))
            {
                RefusedResend = true;
                throw new IOException("FunnelFlux stopped .NET from sending the request again on another connection.");
            }
        }
    }

    /// <summary>A connection's plaintext stream that reports each write to the attempt writing it.</summary>
    internal sealed class SingleSendStream : Stream
    {
        private readonly Stream _inner;

        public SingleSendStream(Stream inner) => _inner = inner;

        public override bool CanRead => _inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => _inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => _inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => _inner.Read(buffer);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            WireAttempt.Current?.BeforeWrite(this);
            _inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            WireAttempt.Current?.BeforeWrite(this);
            _inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            WireAttempt.Current?.BeforeWrite(this);
            return _inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WireAttempt.Current?.BeforeWrite(this);
            return _inner.WriteAsync(buffer, cancellationToken);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
#endif
