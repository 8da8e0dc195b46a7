using System.Buffers;
using System.Net;
using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>
/// A long answer read for a caller that asked (the domain list) goes into a buffer rented from
/// the shared pool and back again once read: the bytes are the body's, the size limit still
/// holds, and nothing reads the buffer after it is back.
/// </summary>
public class RentedBodyTests
{
    private const long Limit = 4L * 1024 * 1024;

    [Fact]
    public async Task ALargeAnnouncedBodyIsReadIntoARentedBufferWithItsBytesIntact()
    {
        byte[] sent = Pattern(100 * 1024);
        using var answer = Answer(sent, announceLength: true);

        var body = await ResponseBody.ReadAsync(answer, Limit, mayRent: true, default);

        Assert.True(body.Rented);
        Assert.Equal(sent.Length, body.Length);
        Assert.Equal(sent, body.Buffer.AsSpan(0, body.Length).ToArray());
    }

    [Fact]
    public async Task AnUnannouncedBodyGrowsThroughRentedBuffersWithItsBytesIntact()
    {
        byte[] sent = Pattern(300 * 1024 + 17);
        using var answer = Answer(sent, announceLength: false);

        var body = await ResponseBody.ReadAsync(answer, Limit, mayRent: true, default);

        Assert.True(body.Rented);
        Assert.Equal(sent, body.Buffer.AsSpan(0, body.Length).ToArray());
    }

    [Theory]
    [InlineData(100 * 1024, false, true)]
    [InlineData(100 * 1024, false, false)]
    [InlineData(ResponseBody.RentFrom - 1, true, true)]
    [InlineData(20 * 1024, true, false)]
    [InlineData(ResponseBody.RentUpTo + 1, true, true)]
    [InlineData(ResponseBody.RentUpTo + 1, true, false)]
    public async Task ASmallOrHugeBodyOrACallerThatDidNotAskGetsAnArrayOfItsOwn(int size, bool mayRent, bool announceLength)
    {
        byte[] sent = Pattern(size);
        using var answer = Answer(sent, announceLength);

        var body = await ResponseBody.ReadAsync(answer, 64L * 1024 * 1024, mayRent, default);

        Assert.False(body.Rented);
        Assert.Equal(sent, body.Buffer.AsSpan(0, body.Length).ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARentedBufferLongerThanTheLimitNeverLetsABodyPastIt(bool announceLength)
    {
        // 100 KB is not a power of two: the pool hands out 128 KB, and the extra must stay unused.
        const int limit = 100 * 1024;
        using var atLimit = Answer(Pattern(limit), announceLength);
        using var overLimit = Answer(Pattern(limit + 1), announceLength);

        var body = await ResponseBody.ReadAsync(atLimit, limit, mayRent: true, default);
        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => ResponseBody.ReadAsync(overLimit, limit, mayRent: true, default));

        Assert.True(body.Rented);
        Assert.Equal(limit, body.Length);
        Assert.Equal(limit, error.Limit);
    }

    [Fact]
    public void AGivenBackBodyGoesToThePoolAndCanNoLongerBeRead()
    {
        var (response, rented) = RentedAnswer();

        response.ReturnBody();
        response.ReturnBody();

        // The shared pool keeps what this thread gave back for this thread's next rent.
        Assert.Same(rented, ArrayPool<byte>.Shared.Rent(ResponseBody.RentFrom));
        var error = Assert.Throws<InvalidOperationException>(() => response.Body);
        Assert.Contains("given back", error.Message);
        Assert.Throws<InvalidOperationException>(() => response.TryGetUtf8Body(out _));
    }

    [Fact]
    public void TextDecodedBeforeTheBodyIsGivenBackStaysReadable()
    {
        var (response, _) = RentedAnswer();
        string before = response.Body;

        response.ReturnBody();

        Assert.Equal("{\"success\":true}", before);
        Assert.Same(before, response.Body);
    }

    [Fact]
    public void ABodyThatWasNotRentedIsNotGivenAnywhere()
    {
        byte[] own = "{\"success\":true}"u8.ToArray();
        var response = new ApiResponse(200, "OK", new BodyBytes(own, own.Length), "application/json", null);

        response.ReturnBody();

        Assert.Equal("{\"success\":true}", response.Body);
        Assert.True(response.TryGetUtf8Body(out var utf8));
        Assert.Equal(own.Length, utf8.Length);
    }

    [Fact]
    public async Task ListsReadOneAfterAnotherThroughTheSameBuffersEachKeepTheirOwnDomains()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        // Two long answers of different domains (each well over the size that is rented).
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: ListBody("first", 600)));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: ListBody("second", 600)));

        var first = await session.Domains.ListAsync(api.Sink);
        var second = await session.Domains.ListAsync(api.Sink);

        Assert.Equal(Enumerable.Range(0, 600).Select(i => $"first-{i:000}.example.com"), first.Select(d => d.Name));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => $"second-{i:000}.example.com"), second.Select(d => d.Name));
        Assert.All(first, d => Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), d.CreatedAt));
    }

    [Fact]
    public async Task FieldsThisVersionDoesNotKnowOutliveTheBufferTheyWereReadFrom()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: ListBody("first", 600, "{\"plan\":\"gold\",\"seats\":[1,2]}")));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: ListBody("second", 600, "{\"plan\":\"lead\",\"seats\":[9,9]}")));

        var first = await session.Domains.ListAsync(api.Sink);
        await session.Domains.ListAsync(api.Sink);

        Assert.All(first, d => Assert.Equal("{\"plan\":\"gold\",\"seats\":[1,2]}", d.GetAdditionalProperties()["tier"]));
    }

    [Fact]
    public async Task AListThatCannotBeReadFailsQuotingItsOwnAnswer()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 0);
        // Long enough to be rented, and cut short: the error quotes that answer's own start, and
        // the list after it, read through the pool again, gets all of its own domains.
        string cut = ListBody("cut", 600)[..^2];
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: cut));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: ListBody("whole", 600)));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));
        var next = await session.Domains.ListAsync(api.Sink);

        Assert.Equal(FailureKind.InvalidResult, error.Kind);
        Assert.Contains("not the JSON expected: \"" + cut[..120] + "...\"", error.Message);
        Assert.Equal(600, next.Count);
    }

    internal static string ListBody(string prefix, int count, string? tier = null)
    {
        string unknown = tier == null ? "" : $",\"tier\":{tier}";
        var entries = Enumerable.Range(0, count).Select(i =>
            $"{{\"id\":\"{Guid.NewGuid()}\",\"domain\":\"{prefix}-{i:000}.example.com\",\"cloudflare_id\":\"{Guid.NewGuid()}\"," +
            "\"status\":\"active\",\"ssl_status\":\"active\",\"verification_errors\":[],\"created_at\":\"2026-01-02T03:04:05Z\"" + unknown + "}");
        return "{\"success\":true,\"domains\":[" + string.Join(",", entries) + "]}";
    }

    /// <summary>An answer {"success":true} whose bytes are in a buffer rented from the shared pool.</summary>
    private static (ApiResponse Response, byte[] Rented) RentedAnswer()
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(ResponseBody.RentFrom);
        "{\"success\":true}"u8.CopyTo(rented);
        return (new ApiResponse(200, "OK", new BodyBytes(rented, 16, rented: true), "application/json", null), rented);
    }

    private static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i * 31 + (i >> 8));
        }
        return bytes;
    }

    private static HttpResponseMessage Answer(byte[] body, bool announceLength)
    {
        HttpContent content = announceLength
            ? new ByteArrayContent(body)
            : new StreamContent(new UnseekableStream(body));
        var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        Assert.Equal(announceLength, answer.Content.Headers.ContentLength.HasValue);
        return answer;
    }

    /// <summary>A body whose length cannot be known in advance, as a chunked answer's.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
