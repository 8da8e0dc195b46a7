using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>Oversize and slow-body answers: bodies that are huge, or that arrive a few bytes at a time.</summary>
public sealed class StreamingFaultTests : EmulatorTest
{
    private const string EmptyList = "{\"success\":true,\"domains\":[]}";

    [Theory]
    [InlineData(42)]
    [InlineData(100)]
    [InlineData(65536)]
    [InlineData(3_000_001)]
    public async Task OversizeIsValidJsonOfExactlyTheGivenSize(long bytes)
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.Oversize(bytes));

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.Equal(bytes, call.Response.Content.Headers.ContentLength);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(call.Body));
        JsonElement root = call.Json;
        Assert.True(root.GetProperty("success").GetBoolean());
        JsonElement[] domains = root.GetProperty("domains").EnumerateArray().ToArray();

        // Almost all of it is domain summaries; the padding only makes up the last odd bytes.
        Assert.True(root.GetProperty("padding").GetString()!.Length < 250, "padding longer than one summary");
        if (bytes > 1000)
        {
            Assert.Equal("d000000001.example.com", domains[0].GetProperty("domain").GetString());
            Assert.Equal($"d{domains.Length:000000000}.example.com", domains[^1].GetProperty("domain").GetString());
            Assert.Equal("pending", domains[^1].GetProperty("status").GetString());
        }

        RecordedRequest r = Server.Requests.Single();
        Assert.Equal((RequestOutcome.Answered, 200), (r.Outcome, r.StatusCode));
    }

    [Fact]
    public async Task OversizeReplacesTheAnswerSoTheRequestHasNoEffectUnlessAfterAction()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.Oversize(10_000));
        Server.Faults.Add("POST", "/billing/domains", Fault.Oversize(10_000) with { AfterAction = true });

        ApiCall first = await CreateDomainAsync("a.example.com");
        ApiCall second = await CreateDomainAsync("b.example.com");

        Assert.Equal(10_000, first.Body.Length);
        Assert.Equal(10_000, second.Body.Length);
        Assert.Equal(new[] { "b.example.com" }, Server.DomainsOf(Server.DemoAccount).Select(d => d.Domain));
    }

    [Fact]
    public async Task A200MegabyteAnswerCanBeAbandonedPartWay()
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.Oversize(200L << 20));

        using (HttpResponseMessage response = await Http.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(200L << 20, response.Content.Headers.ContentLength);
            await using Stream stream = await response.Content.ReadAsStreamAsync();
            byte[] start = new byte[1 << 20];
            await stream.ReadExactlyAsync(start);
            Assert.StartsWith("{\"success\":true,\"domains\":[{\"id\":\"oversize-000000001\"", Encoding.UTF8.GetString(start));
        }

        await WaitForAsync(() => Server.Requests.Count == 1);
        Assert.Equal((RequestOutcome.Abandoned, 0), (Server.Requests[0].Outcome, Server.Requests[0].StatusCode));
    }

    [Fact]
    public async Task AGeneratedBodyStopsAtOnceWhenTheTransportStopsTakingBytes()
    {
        // Kestrel's flush result is the only prompt sign that the client has gone: the abort
        // token fires later, and in that gap a fast body could run to its end and count as answered.
        var pipe = new Pipe();
        var body = new OversizeJsonBody(200L << 20);
        var departureAware = new DepartureAwareBody(pipe.Writer);
        int lastPieceCalls = 0;
        Task writing = body.WriteToAsync(departureAware, () => lastPieceCalls++, CancellationToken.None);

        ReadResult first = await pipe.Reader.ReadAsync();
        Assert.StartsWith("{\"success\":true,\"domains\":[", Encoding.UTF8.GetString(first.Buffer.FirstSpan));
        await pipe.Reader.CompleteAsync();

        await Assert.ThrowsAsync<IOException>(() => writing);
        Assert.Equal(0, lastPieceCalls);
    }

    [Fact]
    public async Task ADepartureAwareBodyPassesEveryByteWhileTheClientReads()
    {
        var pipe = new Pipe();
        var body = new OversizeJsonBody(3_000_001);
        int lastPieceCalls = 0;
        Task writing = body.WriteToAsync(new DepartureAwareBody(pipe.Writer), () => lastPieceCalls++, CancellationToken.None);
        Task<long> reading = CountUntilWriterDoneAsync(pipe.Reader, writing, pipe.Writer);

        await writing;
        Assert.Equal(3_000_001, await reading);
        Assert.Equal(1, lastPieceCalls);
    }

    [Fact]
    public async Task OversizeIsGeneratedWithoutHoldingTheBody()
    {
        var body = new OversizeJsonBody(200L << 20);
        var sink = new CountingStream();
        int lastPieceCalls = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        await body.WriteToAsync(sink, () => lastPieceCalls++, CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(200L << 20, sink.Count);
        Assert.Equal(1, lastPieceCalls);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated to write 200 MB");
        Assert.Equal((byte)'}', sink.Last);
    }

    [Fact]
    public async Task SlowBodySendsTheRealHeadersAtOnceThenTricklesTheRealBody()
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.SlowBody(4, TimeSpan.FromMilliseconds(100)));
        var watch = Stopwatch.StartNew();

        using HttpResponseMessage response = await Http.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken), HttpCompletionOption.ResponseHeadersRead);

        // The log settles only before the last piece, which cannot have been sent yet.
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(EmptyList.Length, response.Content.Headers.ContentLength);
        Assert.Empty(Server.Requests);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(EmptyList, body);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(700), watch.Elapsed.ToString());
        Assert.Equal((RequestOutcome.Answered, 200), (Server.Requests.Single().Outcome, Server.Requests.Single().StatusCode));
    }

    [Fact]
    public async Task AClientTimeoutFiresWhileTheBodyIsArrivingAndTheRequestStillActed()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.SlowBody(1, TimeSpan.FromMilliseconds(200)));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(600) };

        TaskCanceledException ex = await Assert.ThrowsAsync<TaskCanceledException>(() =>
            impatient.SendAsync(Request(HttpMethod.Post, "/billing/domains", DemoToken, "{\"domain\":\"track.example.com\"}")));

        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
        await WaitForAsync(() => Server.Requests.Count == 1);
        Assert.Equal(RequestOutcome.Abandoned, Server.Requests[0].Outcome);
    }

    private static async Task<long> CountUntilWriterDoneAsync(PipeReader reader, Task writing, PipeWriter writer)
    {
        _ = writing.ContinueWith(_ => writer.Complete(), TaskScheduler.Default);
        long count = 0;
        while (true)
        {
            ReadResult result = await reader.ReadAsync();
            count += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                await reader.CompleteAsync();
                return count;
            }
        }
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public byte Last { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Count += buffer.Length;
            if (buffer.Length > 0)
            {
                Last = buffer[^1];
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
