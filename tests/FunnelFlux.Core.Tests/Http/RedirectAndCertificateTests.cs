using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Http;
using FunnelFlux.Tests.Shared;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>Redirects are not followed and untrusted certificates not retried; both errors say what happened.</summary>
public class RedirectAndCertificateTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task ARedirectIsNotFollowedAndItsErrorNamesTheStatusAndTheTarget(int status)
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Redirect(status));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal("UnexpectedRedirect", error.ErrorId);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains($"answered {status}", error.Message);
        Assert.Contains("/redirected/v1/billing/domains", error.Message);
        Assert.Contains("-ApiUri", error.RecommendedAction);
        Assert.DoesNotContain(api.Server.Requests, r => r.Path.StartsWith("/redirected", StringComparison.Ordinal));
        Assert.Equal(1, api.Count("GET", "billing/domains"));
    }

    [Fact]
    public async Task ARedirectIsNamedWithoutTheCredentialsOrQueryItCarries()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Redirect(302, "http://admin:s3cret@127.0.0.1:1/elsewhere?sig=abc"));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal("UnexpectedRedirect", error.ErrorId);
        Assert.Contains("http://127.0.0.1:1/elsewhere", error.Message);
        Assert.DoesNotContain("s3cret", error.ToString());
        Assert.DoesNotContain("admin", error.ToString());
        Assert.DoesNotContain("sig=abc", error.ToString());
    }

    [Fact]
    public async Task ARedirectOfTheTokenCheckIsNotBlamedOnTheRefreshToken()
    {
        await using var api = await TestApi.StartAsync();
        api.Server.Faults.Add("POST", "/auth/validate", Fault.Redirect(308));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => api.ConnectAsync());

        Assert.Equal("UnexpectedRedirect", error.ErrorId);
        Assert.Contains("308", error.Message);
        Assert.Contains("/redirected/v1/auth/validate", error.Message);
        Assert.DoesNotContain("refresh token", error.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("API address", error.RecommendedAction);
        Assert.Single(api.Server.Requests);
    }

    [Fact]
    public async Task AnUntrustedCertificateIsNamedAndNotRetried()
    {
        await using var api = await TestApi.StartAsync(new EmulatorOptions { UseHttps = true });
        Assert.Equal("https", api.Server.BaseUri.Scheme);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => api.ConnectAsync(o => o.MaxRetries = 4));

        Assert.Equal("CertificateNotTrusted", error.ErrorId);
        Assert.Equal(FailureKind.Security, error.Kind);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Contains("not trusted", error.Message);
        Assert.Contains("UntrustedRoot", error.Message);
        Assert.Contains(api.Server.Certificate!.Subject, error.Message);
        Assert.Empty(api.Time.Delays); // no retry was even planned
        Assert.Empty(api.Server.Requests);
        Secrets.AssertAbsent(error);
    }

    [Fact]
    public async Task HttpsToAPlainHttpServerIsNotCalledACertificateProblem()
    {
        await using var api = await TestApi.StartAsync();
        var https = new UriBuilder(api.Server.BaseUri) { Scheme = "https" }.Uri;

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => api.ConnectAsync(o => { o.ApiUri = https; o.MaxRetries = 4; }));

        Assert.Equal("TlsHandshakeFailed", error.ErrorId);
        Assert.Equal(FailureKind.Security, error.Kind);
        Assert.Contains($"TLS handshake with {https.Authority} failed before the server showed a certificate", error.Message);
        Assert.Contains("plain-http server", error.Message);
        Assert.DoesNotContain("certificate is", error.Message);
        Assert.Contains("http://", error.RecommendedAction);
        Assert.DoesNotContain("trust its certificate", error.RecommendedAction);
        Assert.Empty(api.Time.Delays); // not retried
        Secrets.AssertAbsent(error);
    }
}
