using System.Net.Http;
using System.Net.Http.Headers;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>
/// A long list read again and again reuses its body's buffer: measured as the bytes the whole
/// process allocated over the calls, against the same answers read by a plain client into one
/// buffer it keeps (the emulator runs in this process, and what it allocates to answer is in both).
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public class RentedBodyMemoryTests
{
    private const int Calls = 20;

    [Fact]
    public async Task TwentyListsOfAOneMegabyteAnswerDoNotEachAllocateABodysWorthOfBuffer()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        // A short list padded with whitespace to about 1 MB: reading it makes few objects, so what
        // the calls allocate is mostly the buffers the bodies are read into.
        string body = RentedBodyTests.ListBody("padded", 3).PadRight(1000 * 1000);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: body), times: 2 * (Calls + 1));
        using var plain = new HttpClient();
        plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Server.DemoAccount.AccessToken);
        var listUri = new Uri(api.Server.BaseUri, "billing/domains");
        var kept = new byte[body.Length];
        async Task PlainReadAsync()
        {
            using var stream = await plain.GetStreamAsync(listUri);
            int total = 0, read;
            while ((read = await stream.ReadAsync(kept.AsMemory(total))) > 0)
            {
                total += read;
            }
            Assert.Equal(body.Length, total);
        }
        // No sink: with Debug on, the answer is decoded as text for the Debug stream, which is not what is measured here.
        async Task ListAsync() => Assert.Equal(3, (await session.Domains.ListAsync()).Count);

        await PlainReadAsync();
        await ListAsync();
        long plainBytes = await AllocatedOverAsync(PlainReadAsync);
        long listBytes = await AllocatedOverAsync(ListAsync);

        // One new buffer per call would add 20 MB. The shared pool keeps a given-back buffer for
        // the thread that gave it back, so a call that ends on a pool thread with none of its own
        // allocates one: a few such calls (2 to 4 MB here) are expected, half the calls are not.
        long added = listBytes - plainBytes;
        Assert.True(added < Calls * body.Length / 2,
            $"the lists allocated {listBytes / (1024 * 1024)} MB and the plain reads {plainBytes / (1024 * 1024)} MB over {Calls} answers of 1 MB");
    }

    private static Task<long> AllocatedOverAsync(Func<Task> call) =>
        ProcessAllocations.OverAsync(async () =>
        {
            for (int i = 0; i < Calls; i++)
            {
                await call();
            }
        });
}
