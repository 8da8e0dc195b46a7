using System.Net.Sockets;
using System.Text;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>
/// The close fault: the whole request is read, then the connection is closed without one byte.
/// On a pooled connection that served an earlier request, .NET resends the request by itself
/// (dotnet/runtime#86714), and the emulator must record that second arrival.
/// </summary>
public sealed class CloseFaultTests : EmulatorTest
{
    [Fact]
    public async Task OnAKeptAliveConnectionThePoolResendsAndBothArrivalsAreRecorded()
    {
        Server.AddDomain(Server.DemoAccount, "track.example.com");
        Server.Faults.Add("DELETE", "/billing/domains/*", Fault.Close() with { AfterAction = true });
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });

        // The first request opens the one connection and leaves it in the pool, kept alive.
        using HttpResponseMessage list = await client.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken));
        await list.Content.ReadAsStringAsync();
        using HttpResponseMessage delete = await client.SendAsync(Request(HttpMethod.Delete, "/billing/domains/track.example.com", DemoToken));
        string body = await delete.Content.ReadAsStringAsync();

        // One call by the client, two DELETEs on the wire: the first deleted and was closed, the
        // pool's resend found nothing left to delete.
        Assert.Equal(404, (int)delete.StatusCode);
        Assert.Contains("NOT_FOUND", body);
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal(
            new[] { ("GET", RequestOutcome.Answered, 200), ("DELETE", RequestOutcome.Closed, 0), ("DELETE", RequestOutcome.Answered, 404) },
            Server.Requests.Select(r => (r.Method, r.Outcome, r.StatusCode)));
        Assert.All(Server.Requests.Where(r => r.Method == "DELETE"), r => Assert.Equal("/v1/billing/domains/track.example.com", r.Path));
    }

    [Fact]
    public async Task WithoutAfterActionTheFirstArrivalHasNoEffectAndTheResendActs()
    {
        Server.AddDomain(Server.DemoAccount, "track.example.com");
        Server.Faults.Add("DELETE", "/billing/domains/*", Fault.Close());
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });

        (await client.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken))).Dispose();
        using HttpResponseMessage delete = await client.SendAsync(Request(HttpMethod.Delete, "/billing/domains/track.example.com", DemoToken));

        Assert.Equal(200, (int)delete.StatusCode);
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal(new[] { RequestOutcome.Closed, RequestOutcome.Answered }, Server.Requests.Where(r => r.Method == "DELETE").Select(r => r.Outcome));
    }

    [Fact]
    public async Task ARequestWithABodyIsNotResentEvenOnAKeptAliveConnection()
    {
        // What the pool does is .NET's business; the emulator's is to record what arrived.
        Server.Faults.Add("POST", "/billing/domains", Fault.Close() with { AfterAction = true });
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });
        (await client.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken))).Dispose();

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.SendAsync(Request(HttpMethod.Post, "/billing/domains", DemoToken, "{\"domain\":\"track.example.com\"}")));

        Assert.Equal(new[] { RequestOutcome.Answered, RequestOutcome.Closed }, Server.Requests.Select(r => r.Outcome));
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task EvenOnAFreshConnectionABodylessRequestIsResent()
    {
        // Seen with .NET 10's SocketsHttpHandler: the orderly close before any byte of an answer
        // makes it resend a request without a body whether or not the connection was reused.
        Server.AddDomain(Server.DemoAccount, "track.example.com");
        Server.Faults.Add("DELETE", "/billing/domains/*", Fault.Close() with { AfterAction = true });
        using var fresh = new HttpClient();

        using HttpResponseMessage delete = await fresh.SendAsync(Request(HttpMethod.Delete, "/billing/domains/track.example.com", DemoToken));

        Assert.Equal(404, (int)delete.StatusCode);
        Assert.Equal(new[] { RequestOutcome.Closed, RequestOutcome.Answered }, Server.Requests.Select(r => r.Outcome));
    }

    [Fact]
    public async Task ARequestWithABodyOnAFreshConnectionFailsTheClientAndIsNotResent()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.Close() with { AfterAction = true });

        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => CreateDomainAsync("track.example.com"));

        Assert.NotNull(ex.InnerException);
        RecordedRequest only = Assert.Single(Server.Requests);
        Assert.Equal(RequestOutcome.Closed, only.Outcome);
        Assert.Equal(0, only.StatusCode);
        Assert.Equal("{\"domain\":\"track.example.com\"}", only.Body);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task WithoutAfterActionNothingIsCreated()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.Close());

        await Assert.ThrowsAsync<HttpRequestException>(() => CreateDomainAsync("track.example.com"));

        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal(RequestOutcome.Closed, Server.Requests.Single().Outcome);
    }

    [Fact]
    public async Task NotASingleByteReachesTheClient()
    {
        Server.Faults.Add(null, "/billing/domains", Fault.Close());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Server.BaseUri.Host, Server.BaseUri.Port);
        NetworkStream stream = tcp.GetStream();
        const string Body = "{\"domain\":\"track.example.com\"}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /v1/billing/domains HTTP/1.1\r\nHost: {Server.BaseUri.Authority}\r\nAuthorization: Bearer {DemoToken}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {Body.Length}\r\n\r\n{Body}"));

        int received = 0;
        byte[] buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10))) > 0)
            {
                received += read;
            }
        }
        catch (IOException)
        {
            // A reset instead of an orderly close is just as silent.
        }

        Assert.Equal(0, received);
        Assert.Equal(Body, Server.Requests.Single().Body);
    }
}
