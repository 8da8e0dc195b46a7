using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>Tokens are only ever sent to the API address the session was made for.</summary>
public class ApiBaseTests
{
    [Theory]
    [InlineData("{0}/billing/domains")]
    [InlineData("//127.0.0.1:{1}/v1/billing/domains")]
    [InlineData("../other/billing/domains")]
    [InlineData("/billing/domains")]
    public async Task APathThatLeadsOutsideTheApiBaseIsRefusedAndNothingIsSent(string pathFormat)
    {
        await using var api = await TestApi.StartAsync();
        await using var elsewhere = await EmulatorServer.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.ClearRequests();
        string path = string.Format(pathFormat, elsewhere.BaseUri.AbsoluteUri.TrimEnd('/'), elsewhere.BaseUri.Port);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            session.SendAsync(new ApiRequest(HttpMethod.Get, path, RetrySafety.Idempotent), api.Sink, default));

        Assert.Contains("tokens are only sent to that address", error.Message);
        Assert.Empty(elsewhere.Requests);
        Assert.Empty(api.Server.Requests);
    }

    [Fact]
    public async Task PathsUnderTheBaseAreSent()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();

        var response = await session.SendAsync(new ApiRequest(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent), api.Sink, default);

        Assert.Equal(200, response.StatusCode);
    }
}
