using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>Allocation counts are process-wide, so these tests run alone, after the others.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement
{
}

/// <summary>
/// A 200 MB answer costs the module a bounded amount of memory: measured as the bytes the whole
/// process allocated during the call, which must stay far below the body's size.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public class OversizeMemoryTests
{
    private const long BodySize = 200L * 1024 * 1024;
    private const long Bound = 40L * 1024 * 1024;

    [Fact]
    public async Task An200MegabyteAnswerThatAnnouncesItsSizeIsRefusedBeforeItIsRead()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Oversize(BodySize));

        var (error, allocated) = await MeasureAsync(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal("ResponseTooLarge", error.ErrorId);
        Assert.Contains("announced 200 MB, more than the 4 MB", error.Message);
        Assert.True(allocated < Bound, $"allocated {allocated / (1024 * 1024)} MB while refusing a 200 MB answer");
    }

    [Fact]
    public async Task An200MegabyteAnswerOfUnknownLengthIsCountedAndCutOffAtTheLimit()
    {
        await using var api = await TestApi.StartAsync();
        // The emulator announces the length; this handler hides it, as a chunked or compressed answer would.
        using var session = await api.ConnectAsync(handler: new LengthHidingHandler(new SocketsHttpHandler { UseProxy = false }));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Oversize(BodySize));

        var (error, allocated) = await MeasureAsync(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal("ResponseTooLarge", error.ErrorId);
        Assert.Contains("grew past the 4 MB limit", error.Message);
        Assert.True(allocated < Bound, $"allocated {allocated / (1024 * 1024)} MB while reading a 200 MB answer");
    }

    private static async Task<(FunnelFluxException Error, long Allocated)> MeasureAsync(Func<Task> call)
    {
        FunnelFluxException? error = null;
        long allocated = await ProcessAllocations.OverAsync(async () => error = await Assert.ThrowsAsync<FunnelFluxException>(call));
        Assert.Equal(FailureKind.InvalidResult, error!.Kind);
        return (error, allocated);
    }

    /// <summary>Passes the answer on with its body as a plain stream, so its length is unknown.</summary>
    private sealed class LengthHidingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var original = response.Content;
            var stream = await original.ReadAsStreamAsync(cancellationToken);
            var hidden = new StreamContent(stream);
            foreach (var header in original.Headers.Where(h => h.Key != "Content-Length"))
            {
                hidden.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = hidden;
            Assert.Null(hidden.Headers.ContentLength);
            return response;
        }
    }
}
