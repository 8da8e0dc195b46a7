using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>UseHttps: https on loopback with a certificate nobody trusts unless they pin it.</summary>
public sealed class HttpsTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { UseHttps = true };

    [Fact]
    public void TheApiAndControlAreServedOverHttps()
    {
        Assert.Equal("https", Server.BaseUri.Scheme);
        Assert.Equal("https", Server.ControlUri.Scheme);
        Assert.NotNull(Server.Certificate);
        Assert.Contains("FunnelFlux emulator", Server.Certificate!.Subject);
    }

    [Fact]
    public async Task AClientThatDoesNotTrustTheCertificateFailsTheHandshake()
    {
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => ValidateAsync(DemoToken));

        Assert.IsType<AuthenticationException>(ex.InnerException);
        Assert.Equal(HttpRequestError.SecureConnectionError, ex.HttpRequestError);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task AClientThatPinsTheCertificateGetsAnswers()
    {
        X509Certificate2 expected = Server.Certificate!;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString() &&
            errors == SslPolicyErrors.RemoteCertificateChainErrors;
        using var client = new HttpClient(handler);

        using HttpResponseMessage response = await client.SendAsync(Request(HttpMethod.Post, "/auth/validate", DemoToken));
        using HttpResponseMessage control = await client.GetAsync(new Uri(Server.ControlUri + "/stats"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(200, (int)control.StatusCode);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public void TheCertificateNamesOnlyLoopback()
    {
        X509SubjectAlternativeNameExtension names = Server.Certificate!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

        Assert.Equal(new[] { "localhost" }, names.EnumerateDnsNames());
        Assert.Equal(new[] { "127.0.0.1", "::1" }, names.EnumerateIPAddresses().Select(a => a.ToString()));
    }
}
