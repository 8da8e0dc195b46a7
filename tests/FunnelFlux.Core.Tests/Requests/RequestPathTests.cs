using FunnelFlux.Requests;

namespace FunnelFlux.Core.Tests.Requests;

/// <summary>
/// The path guard on its own: every way a -Path could carry the token out of the API URI is
/// refused with the rule it broke, and what is allowed resolves inside the API URI, unchanged.
/// </summary>
public class RequestPathTests
{
    private static readonly Uri Api = new("https://api.funnelflux.pro/v1");
    private static readonly Uri Emulator = new("http://127.0.0.1:5099/v1");

    [Theory]
    [InlineData("billing/domains", "billing/domains")]
    [InlineData("/billing/domains", "billing/domains")]
    [InlineData("reporting/update/cost/", "reporting/update/cost/")]
    [InlineData("/reporting/update/reset/", "reporting/update/reset/")]
    [InlineData("billing/domains/track.example.com", "billing/domains/track.example.com")]
    [InlineData("billing/domains/track.example.com/refresh", "billing/domains/track.example.com/refresh")]
    [InlineData("https://api.funnelflux.pro/v1/billing/domains", "billing/domains")]
    [InlineData("HTTPS://API.FunnelFlux.Pro/v1/reporting/update/cost/", "reporting/update/cost/")]
    [InlineData("https://api.funnelflux.pro:443/v1/billing/domains", "billing/domains")]
    [InlineData("a/b c", "a/b%20c")]
    [InlineData("a/caf\u00e9", "a/caf%C3%A9")]
    [InlineData("a/%41b%7e", "a/Ab~")]
    [InlineData("a/b%3fc", "a/b%3Fc")]
    [InlineData("a/b%23c", "a/b%23c")]
    [InlineData("a/100%25", "a/100%25")]
    [InlineData("a/b:c", "a/b:c")]
    [InlineData("a/x.y...z", "a/x.y...z")]
    [InlineData("a/[1]", "a/%5B1%5D")]
    public void AllowedPathsBecomeTheSameRelativePath(string path, string expected)
    {
        string relative = RequestPath.ToRelative(Api, path);

        Assert.Equal(expected, relative);
        Assert.Equal("https://api.funnelflux.pro/v1/" + expected, RequestPath.Resolve(Api, relative).AbsoluteUri);
    }

    [Fact]
    public void AFullUrlInsideTheEmulatorsApiUriIsAccepted()
    {
        Assert.Equal("billing/domains", RequestPath.ToRelative(Emulator, "http://127.0.0.1:5099/v1/billing/domains"));
    }

    [Theory]
    // Empty, or nothing but the API URI itself.
    [InlineData("", PathProblem.Empty)]
    [InlineData("   ", PathProblem.Empty)]
    [InlineData("/", PathProblem.Empty)]
    [InlineData("https://api.funnelflux.pro/v1", PathProblem.Empty)]
    [InlineData("https://api.funnelflux.pro/v1/", PathProblem.Empty)]
    [InlineData(" billing/domains", PathProblem.SurroundingWhiteSpace)]
    // Other schemes, hosts and ports.
    [InlineData("http://api.funnelflux.pro/v1/billing/domains", PathProblem.OtherScheme)]
    [InlineData("ftp://api.funnelflux.pro/v1/billing/domains", PathProblem.OtherScheme)]
    [InlineData("file:///etc/passwd", PathProblem.OtherScheme)]
    [InlineData("javascript:alert(1)", PathProblem.OtherScheme)]
    [InlineData("mailto:someone@example.com", PathProblem.OtherScheme)]
    [InlineData("https://evil.example.com/v1/billing/domains", PathProblem.OtherHost)]
    [InlineData("https://api.funnelflux.pro.evil.example.com/v1/x", PathProblem.OtherHost)]
    [InlineData("https://api.funnelflux.pro./v1/x", PathProblem.OtherHost)]
    [InlineData("https://127.0.0.1/v1/x", PathProblem.OtherHost)]
    [InlineData("https:api.funnelflux.pro/v1/x", PathProblem.OtherHost)]
    [InlineData("https:///v1/x", PathProblem.OtherHost)]
    [InlineData("https://api.funnelflux%2epro/v1/x", PathProblem.OtherHost)]
    [InlineData("https://api.funnelflux.pro:8443/v1/billing/domains", PathProblem.OtherPort)]
    [InlineData("https://api.funnelflux.pro:80/v1/billing/domains", PathProblem.OtherPort)]
    // User info: "api.funnelflux.pro@evil" sends the request to evil.
    [InlineData("https://api.funnelflux.pro@evil.example.com/v1/x", PathProblem.UserInfo)]
    [InlineData("https://user:pass@api.funnelflux.pro/v1/x", PathProblem.UserInfo)]
    // Network-path references name another host without a scheme.
    [InlineData("//evil.example.com/v1/x", PathProblem.NetworkPathReference)]
    [InlineData("///evil.example.com", PathProblem.NetworkPathReference)]
    // Backslashes, which some stacks read as '/'.
    [InlineData("\\\\evil.example.com\\x", PathProblem.Backslash)]
    [InlineData("billing\\domains", PathProblem.Backslash)]
    [InlineData("https://evil.example.com\\@api.funnelflux.pro/v1/x", PathProblem.Backslash)]
    // Paths that leave /v1.
    [InlineData("https://api.funnelflux.pro/v2/billing/domains", PathProblem.OutsideApiPath)]
    [InlineData("https://api.funnelflux.pro/v1x/billing", PathProblem.OutsideApiPath)]
    [InlineData("https://api.funnelflux.pro/", PathProblem.Empty)]
    [InlineData("https://api.funnelflux.pro/admin", PathProblem.OutsideApiPath)]
    [InlineData("https://api.funnelflux.pro/V1/billing/domains", PathProblem.OutsideApiPath)]
    // Dot segments, plain and encoded (System.Uri collapses %2e%2e into ..).
    [InlineData("..", PathProblem.DotSegment)]
    [InlineData("../admin", PathProblem.DotSegment)]
    [InlineData("billing/../../admin", PathProblem.DotSegment)]
    [InlineData("./billing/domains", PathProblem.DotSegment)]
    [InlineData("billing/./domains", PathProblem.DotSegment)]
    [InlineData("billing/domains/..", PathProblem.DotSegment)]
    [InlineData("%2e%2e/admin", PathProblem.DotSegment)]
    [InlineData("billing/%2E%2E/%2e%2e/admin", PathProblem.DotSegment)]
    [InlineData("billing/.%2e/admin", PathProblem.DotSegment)]
    [InlineData("billing/%252e%252e/admin", PathProblem.DotSegment)]
    [InlineData("billing/%25252e%25252e/admin", PathProblem.DotSegment)]
    [InlineData("billing/.. /admin", PathProblem.DotSegment)]
    [InlineData("https://api.funnelflux.pro/v1/../admin", PathProblem.DotSegment)]
    [InlineData("https://api.funnelflux.pro/v1/%2e%2e/admin", PathProblem.DotSegment)]
    // Encoded separators.
    [InlineData("billing%2f..%2fadmin", PathProblem.EncodedSeparator)]
    [InlineData("billing/domains%2F..", PathProblem.EncodedSeparator)]
    [InlineData("billing/a%5cb", PathProblem.EncodedSeparator)]
    [InlineData("billing/a%252fb", PathProblem.EncodedSeparator)]
    // Control characters, raw or encoded (header injection, log forging).
    [InlineData("billing/domains\r\nHost: evil.example.com", PathProblem.ControlCharacter)]
    [InlineData("billing/domains\n", PathProblem.ControlCharacter)]
    [InlineData("billing/\u0000domains", PathProblem.ControlCharacter)]
    [InlineData("billing/\u007fdomains", PathProblem.ControlCharacter)]
    [InlineData("billing/\u2028domains", PathProblem.ControlCharacter)]
    [InlineData("billing/domains%0d%0aHost:%20evil", PathProblem.ControlCharacter)]
    [InlineData("billing/domains%00", PathProblem.ControlCharacter)]
    // Fragments and queries belong elsewhere.
    [InlineData("billing/domains#fragment", PathProblem.Fragment)]
    [InlineData("https://api.funnelflux.pro/v1/billing/domains#x", PathProblem.Fragment)]
    [InlineData("billing/domains?limit=5", PathProblem.QueryInPath)]
    [InlineData("https://api.funnelflux.pro/v1/billing/domains?x=1", PathProblem.QueryInPath)]
    [InlineData("billing/domains?", PathProblem.QueryInPath)]
    // Malformed escapes and empty segments.
    [InlineData("billing/%zz", PathProblem.MalformedEscape)]
    [InlineData("billing/50%", PathProblem.MalformedEscape)]
    [InlineData("billing/%4", PathProblem.MalformedEscape)]
    [InlineData("billing//domains", PathProblem.EmptySegment)]
    // The session's own endpoints, in any spelling.
    [InlineData("auth/validate", PathProblem.AuthEndpoint)]
    [InlineData("/AUTH/validate", PathProblem.AuthEndpoint)]
    [InlineData("%61uth/validate", PathProblem.AuthEndpoint)]
    [InlineData("https://api.funnelflux.pro/v1/auth/validate", PathProblem.AuthEndpoint)]
    [InlineData("auth;x/validate", PathProblem.AuthEndpoint)]
    [InlineData("auth;jsessionid=1/validate", PathProblem.AuthEndpoint)]
    [InlineData("auth./validate", PathProblem.AuthEndpoint)]
    public void HostilePathsAreRefusedWithTheRuleTheyBroke(string path, PathProblem expected)
    {
        var error = Assert.Throws<ApiPathRefusedException>(() => RequestPath.ToRelative(Api, path));

        Assert.Equal(expected, error.Problem);
        Assert.Equal("InvalidApiPath", error.ErrorId);
        Assert.Equal("Path", error.ParamName);
        Assert.Contains("nothing was sent", error.Message);
        // The message shows control characters by code, so it cannot forge a log line itself.
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
    }

    [Fact]
    public void HalfASurrogatePairIsRefused()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate intact.
        string path = "billing/" + (char)0xD800 + "x";
        Assert.Equal(PathProblem.InvalidCharacter, Assert.Throws<ApiPathRefusedException>(() => RequestPath.ToRelative(Api, path)).Problem);
    }

    [Fact]
    public void ANullPathIsRefusedAsEmpty()
    {
        Assert.Equal(PathProblem.Empty, Assert.Throws<ApiPathRefusedException>(() => RequestPath.ToRelative(Api, null)).Problem);
    }

    [Fact]
    public void ARefusalSaysWhatWasWrongAndWhatToDo()
    {
        var host = Assert.Throws<ApiPathRefusedException>(() => RequestPath.ToRelative(Api, "https://evil.example.com/v1/x"));
        Assert.Contains("evil.example.com", host.Message);
        Assert.Contains("api.funnelflux.pro", host.Message);

        var query = Assert.Throws<ApiPathRefusedException>(() => RequestPath.ToRelative(Api, "billing/domains?limit=5"));
        Assert.Contains("-Query", query.Message);

        var dots = Assert.Throws<ApiPathRefusedException>(() => RequestPath.ToRelative(Api, "billing/%2e%2e/admin"));
        Assert.Contains("decodes to '..'", dots.Message);

        var auth = Assert.Throws<ApiPathRefusedException>(() => RequestPath.ToRelative(Api, "auth/validate"));
        Assert.Contains("Connect-FFAccount", auth.Message);
    }

    [Fact]
    public void AColonInTheFirstSegmentIsEscapedSoItCannotReadAsAScheme()
    {
        // "1a:b" is no scheme (a scheme starts with a letter), but a resolver could still stumble on it.
        string relative = RequestPath.ToRelative(Api, "1a:b/c");

        Assert.Equal("1a%3Ab/c", relative);
        Assert.Equal("https://api.funnelflux.pro/v1/1a%3Ab/c", RequestPath.Resolve(Api, relative).AbsoluteUri);
    }

    [Fact]
    public void EveryAllowedResultStaysUnderTheApiUri()
    {
        // Whatever passes resolves under /v1/ on the API's own scheme, host and port.
        foreach (string path in new[] { "a", "a/b/", "x%20y", "~user", "a/b:c", "@x", "!$&'()*+,;=" })
        {
            var resolved = RequestPath.Resolve(Api, RequestPath.ToRelative(Api, path));
            Assert.Equal("https", resolved.Scheme);
            Assert.Equal("api.funnelflux.pro", resolved.Host);
            Assert.Equal(443, resolved.Port);
            Assert.StartsWith("/v1/", resolved.AbsolutePath, StringComparison.Ordinal);
        }
    }
}
