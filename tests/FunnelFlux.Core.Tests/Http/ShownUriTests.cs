using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Http;
using FunnelFlux.Requests;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>
/// A credential a user puts in a query (-Query @{ access_token = ... }) goes to the server as
/// given, but never into a Verbose line, a Debug line, an error message or an error's target.
/// </summary>
public class ShownUriTests
{
    [Theory]
    [InlineData("a=1&b=2", "a=1&b=2")]
    [InlineData("access_token=abc&page=2", "access_token=***&page=2")]
    [InlineData("page=2&apiKey=k%20y&Client_Secret=s", "page=2&apiKey=***&Client_Secret=***")]
    [InlineData("acc%65ss_token=abc", "acc%65ss_token=***")]
    [InlineData("token", "token")]
    [InlineData("a=1&&sig=x", "a=1&&sig=***")]
    [InlineData("q=token&name=password", "q=token&name=password")]
    [InlineData("design=a&signup=b&author=c&key=d&Sig=e", "design=a&signup=b&author=c&key=***&Sig=***")]
    public void ValuesOfCredentialNamesAreHiddenAndNothingElseChanges(string query, string shown)
    {
        Assert.Equal(shown, ShownUri.HideSecrets(query));
    }

    [Fact]
    public void AnAddressWithoutAQueryIsShownAsItIs()
    {
        var uri = new Uri("https://api.funnelflux.pro/v1/billing/domains/a.example.com");
        Assert.Equal(uri.AbsoluteUri, ShownUri.Of(uri));
        Assert.Equal("https://api.funnelflux.pro/v1/x?token=***&n=1", ShownUri.Of(new Uri("https://api.funnelflux.pro/v1/x?token=t0p&n=1")));
    }

    [Fact]
    public async Task AQueryTokenReachesTheServerButNoMessage()
    {
        const string secret = "qry-secret-7f3a";
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        var client = new ApiCallClient(session);
        var query = new[]
        {
            new KeyValuePair<string, object?>("access_token", secret),
            new KeyValuePair<string, object?>("page", 2),
        };

        var call = client.Prepare("GET", "ledger/nothing-here", query, null);
        var result = await client.SendAsync(call, api.Sink);

        var sent = Assert.Single(api.Server.Requests, r => r.Path.EndsWith("/ledger/nothing-here", StringComparison.Ordinal));
        Assert.Contains("access_token=" + secret, sent.Query);
        Assert.DoesNotContain(secret, call.Label);
        Assert.Contains("access_token=***&page=2", call.Label);
        Assert.Contains(api.Sink.Messages, m => m.StartsWith("VERBOSE:") && m.Contains("access_token=***"));
        Assert.DoesNotContain(api.Sink.Messages, m => m.Contains(secret));
        var failure = Assert.IsType<FunnelFlux.Errors.FunnelFluxException>(result.Failure);
        Assert.DoesNotContain(secret, failure.Message);
        Assert.DoesNotContain(secret, failure.RecommendedAction ?? string.Empty);
        Assert.Equal("ledger/nothing-here?access_token=***&page=2", failure.Target);
    }
}
