using System.IO.Pipelines;

namespace FunnelFlux.Emulator;

/// <summary>
/// A write-only stream over the response's <see cref="PipeWriter"/> that fails as soon as the
/// transport has stopped taking bytes. Kestrel's own body stream quietly discards writes once the
/// client has gone, and the request's abort token fires later on the thread pool; a fast generated
/// body could finish (and be logged as answered) in that gap. The flush result says so at once.
/// </summary>
internal sealed class DepartureAwareBody(PipeWriter writer) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        ThrowIfDeparted(await writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken) =>
        ThrowIfDeparted(await writer.FlushAsync(cancellationToken).ConfigureAwait(false));

    // Only the asynchronous path is used: Kestrel refuses synchronous writes by default.
    public override void Flush() => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static void ThrowIfDeparted(FlushResult result)
    {
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new IOException("The client stopped reading the answer part way.");
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
