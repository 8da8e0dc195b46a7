using System.Net;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class LoopbackUrlsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void DefaultIsLoopbackOn5099(string? urls)
    {
        LoopbackUrlPlan plan = LoopbackUrls.Sanitize(urls);

        Assert.Equal(new[] { new IPEndPoint(IPAddress.Loopback, 5099) }, plan.Endpoints);
        Assert.Empty(plan.Notices);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099", "127.0.0.1", 5099)]
    [InlineData("http://127.0.0.2:6000", "127.0.0.2", 6000)]
    [InlineData("http://localhost:7000", "127.0.0.1", 7000)]
    [InlineData("http://[::1]:7001", "::1", 7001)]
    [InlineData("http://127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("http://127.0.0.1", "127.0.0.1", 5099)]
    public void LoopbackHostsAreKeptSilently(string url, string address, int port)
    {
        LoopbackUrlPlan plan = LoopbackUrls.Sanitize(url);

        Assert.Equal(new[] { new IPEndPoint(IPAddress.Parse(address), port) }, plan.Endpoints);
        Assert.Empty(plan.Notices);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5099")]
    [InlineData("http://*:5099")]
    [InlineData("http://+:5099")]
    [InlineData("http://[::]:5099")]
    [InlineData("http://192.168.1.10:5099")]
    [InlineData("http://example.com:5099")]
    public void OtherHostsBecomeLoopbackWithANotice(string url)
    {
        LoopbackUrlPlan plan = LoopbackUrls.Sanitize(url);

        Assert.Equal(new[] { new IPEndPoint(IPAddress.Loopback, 5099) }, plan.Endpoints);
        Assert.Contains(plan.Notices, n => n.Contains("127.0.0.1", StringComparison.Ordinal) && n.Contains("not a loopback", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralUrlsAreSeparatedBySemicolonsAndDeduplicated()
    {
        LoopbackUrlPlan plan = LoopbackUrls.Sanitize("http://0.0.0.0:5000; http://127.0.0.1:5000 ;http://[::1]:5001");

        Assert.Equal(new[] { new IPEndPoint(IPAddress.Loopback, 5000), new IPEndPoint(IPAddress.IPv6Loopback, 5001) }, plan.Endpoints);
        Assert.Single(plan.Notices);
    }

    [Fact]
    public void HttpsIsServedAsPlainHttpWithANotice()
    {
        LoopbackUrlPlan plan = LoopbackUrls.Sanitize("https://localhost:5443");

        Assert.Equal(new[] { new IPEndPoint(IPAddress.Loopback, 5443) }, plan.Endpoints);
        Assert.Contains(plan.Notices, n => n.Contains("plain http", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("http://127.0.0.1:abc")]
    public void UnusableUrlsFallBackToTheDefault(string url)
    {
        LoopbackUrlPlan plan = LoopbackUrls.Sanitize(url);

        Assert.Equal(new[] { new IPEndPoint(IPAddress.Loopback, 5099) }, plan.Endpoints);
        Assert.NotEmpty(plan.Notices);
    }

    [Theory]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, "http://127.0.0.1:1")]
    [InlineData(new[] { "--urls=http://127.0.0.1:2" }, "http://127.0.0.1:2")]
    [InlineData(new[] { "--other" }, null)]
    [InlineData(new string[0], null)]
    public void UrlsAreFoundAmongTheArguments(string[] args, string? expected)
    {
        Assert.Equal(expected, LoopbackUrls.FromArguments(args));
    }

    [Fact]
    public async Task NonLoopbackEndpointsAreRefusedByTheServer()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            EmulatorServer.StartAsync(null, new[] { new IPEndPoint(IPAddress.Any, 0) }));
    }

    [Fact]
    public async Task TheServerListensOnLoopbackWithAV1Base()
    {
        await using EmulatorServer server = await EmulatorServer.StartAsync();

        Assert.Equal("127.0.0.1", server.BaseUri.Host);
        Assert.NotEqual(0, server.BaseUri.Port);
        Assert.Equal("/v1", server.BaseUri.AbsolutePath);
        Assert.False(server.BaseUri.ToString().EndsWith('/'));
    }
}
