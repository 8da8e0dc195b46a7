using FunnelFlux.Domains;

namespace FunnelFlux.Core.Tests.Domains;

public class HostNameTests
{
    public static TheoryData<string?, string> BadNames => new()
    {
        { null, "No domain name was given" },
        { "", "is empty" },
        { "   ", "only whitespace" },
        { "\t", "only whitespace" },
        { " track.example.com", "starts or ends with whitespace" },
        { "track.example.com ", "starts or ends with whitespace" },
        { "track.example.com\n", "starts or ends with whitespace" },
        { "track example.com", "contains whitespace (at position 6)" },
        { "track.exa\u00A0mple.com", "contains whitespace" },
        { "https://track.example.com/path", "is a URL, not a hostname" },
        { "http://track.example.com", "is a URL" },
        { "track.example.com/path", "a path" },
        { "track.example.com/", "contains '/'" },
        { "track.example.com?x=1", "a query string" },
        { "track.example.com#top", "a URL fragment" },
        { "track.example.com:8080", "contains a port (':8080')" },
        { "user@track.example.com", "user info" },
        { "track\\example.com", "contains '\\'" },
        { "track..example.com", "contains '..'" },
        { "track.example.com..", "ends with more than one dot" },
        { "track.example.com\u3002.", "ends with more than one dot" },
        { ".track.example.com", "starts with a dot" },
        { ".", "starts with a dot" },
        { "track%2Eexample.com", "Percent-encoded" },
        { "my_track.example.com", "'_' (underscore)" },
        { "*.example.com", "'*' (a wildcard" },
        { "track!.example.com", "contains '!'" },
        { "track\".example.com", "contains '\"'" },
        { "track'.example.com", "contains '''" },
        { "track\u0007.example.com", "control character (U+0007" },
        { "track\u007f.example.com", "control character (U+007F" },
        { "-track.example.com", "starts with a hyphen" },
        { "track-.example.com", "ends with a hyphen" },
        { "track.example-.com", "ends with a hyphen" },
        { new string('a', 64) + ".example.com", "is 64 characters long (in ASCII); a label may have at most 63" },
        { string.Join(".", Enumerable.Repeat(new string('a', 63), 4)), "is 255 characters long" },
        { string.Join(".", Enumerable.Repeat(new string('a', 50), 5)), "is 254 characters long" },
        { "localhost", "single label" },
        { "com", "single label" },
        { "com.", "single label" },
        { "192.0.2.1", "is an IP address" },
        { "192.0.2.1.", "is an IP address" },
        { "2001:db8::1", "is an IPv6 address" },
        { "[2001:db8::1]", "is an IPv6 address" },
        { "::1", "is an IPv6 address" },
        { "example.123", "is all digits" },
        { "a:b:c", "contains ':'" },
        { "track.exa[mple.com", "contains '['" },
        { "xn--zzzz-.example", "ends with a hyphen" },
        { "xn--a.example", "not valid punycode" },
        { "bü_cher.example", "not a valid international domain name label" },
        { new string('ü', 60) + ".example", "longer than 63 characters once converted" },
        { "b\u00FCcher..example", "contains '..'" },
        { "example\u3002\u3002com", "empty label" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void BadNamesAreRefusedWithAReason(string? input, string messagePart)
    {
        Assert.False(HostName.TryNormalize(input, out string normalized, out string? error));
        Assert.Equal(string.Empty, normalized);
        Assert.NotNull(error);
        Assert.Contains(messagePart, error, StringComparison.Ordinal);

        var exception = Assert.Throws<ArgumentException>(() => HostName.Normalize(input));
        Assert.Equal("domain", exception.ParamName);
        Assert.Contains(messagePart, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThereAreAtLeastThirtyBadNames() => Assert.True(BadNames.Count >= 30);

    [Theory]
    [InlineData("track.example.com", "track.example.com")]
    [InlineData("Track.Example.COM", "track.example.com")]
    [InlineData("track.example.com.", "track.example.com")]
    [InlineData("a.b", "a.b")]
    [InlineData("my-track.example.co.uk", "my-track.example.co.uk")]
    [InlineData("123.example.com", "123.example.com")]
    [InlineData("track.example.xn--p1ai", "track.example.xn--p1ai")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("Bücher.Example.", "xn--bcher-kva.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("XN--BCHER-KVA.example", "xn--bcher-kva.example")]
    [InlineData("пример.рф", "xn--e1afmkfd.xn--p1ai")]
    [InlineData("例え.テスト", "xn--r8jz45g.xn--zckzah")]
    [InlineData("example\u3002com", "example.com")]
    [InlineData("例え.テスト\u3002", "xn--r8jz45g.xn--zckzah")]
    [InlineData("track.example.com\uFF0E", "track.example.com")]
    [InlineData("track.example.com\uFF61", "track.example.com")]
    public void GoodNamesAreNormalised(string input, string expected)
    {
        Assert.True(HostName.TryNormalize(input, out string normalized, out string? error), error);
        Assert.Null(error);
        Assert.Equal(expected, normalized);
        Assert.Equal(expected, HostName.Normalize(input));
    }

    [Fact]
    public void A63CharacterLabelIsAllowed()
    {
        string name = new string('a', 63) + ".example.com";
        Assert.Equal(name, HostName.Normalize(name));
    }

    [Fact]
    public void A253CharacterNameIsAllowedWithOrWithoutTrailingDot()
    {
        // 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
        string name = string.Join(".", new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
        Assert.Equal(253, name.Length);
        Assert.Equal(name, HostName.Normalize(name));
        Assert.Equal(name, HostName.Normalize(name + "."));
    }

    [Theory]
    [InlineData("https://track.example.com/path", "Did you mean 'track.example.com'?")]
    [InlineData("https://user:pw@Track.Example.com:8443/x?y#z", "Did you mean 'Track.Example.com'?")]
    [InlineData("track.example.com/path", "Did you mean 'track.example.com'?")]
    [InlineData("track.example.com:8080", "Did you mean 'track.example.com'?")]
    [InlineData("user@track.example.com", "Did you mean 'track.example.com'?")]
    [InlineData("https://localhost/", "For example: 'track.example.com'.")]
    public void UrlLikeInputSuggestsTheHostname(string input, string suggestion)
    {
        Assert.False(HostName.TryNormalize(input, out _, out string? error));
        Assert.EndsWith(suggestion, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlCharactersAreShownEscapedInMessages()
    {
        HostName.TryNormalize("a\u0001b.example", out _, out string? error);
        Assert.Contains("'a\\u0001b.example'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("*.example.com", true)]
    [InlineData("track?.example.com", true)]
    [InlineData("track[12].example.com", true)]
    [InlineData("track.example.com", false)]
    [InlineData("track`*.example.com", false)]
    [InlineData("track``*.example.com", true)]
    [InlineData("", false)]
    public void WildcardsAreRecognisedAsPowerShellDoes(string input, bool expected) =>
        Assert.Equal(expected, HostName.ContainsWildcard(input));

    [Theory]
    [InlineData("track.example.com", "track.example.com")]
    [InlineData("a/b?c#d%e", "a%2Fb%3Fc%23d%25e")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void PathSegmentsAreEscaped(string input, string expected) =>
        Assert.Equal(expected, HostName.ToPathSegment(input));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public void DotSegmentsCannotBecomePathSegments(string input) =>
        Assert.Throws<ArgumentException>(() => HostName.ToPathSegment(input));
}

/// <summary>
/// HostName decides plain ASCII names on a fast path; it must accept only what the full checks
/// accept, with the same normal form, and leave every other name to them.
/// </summary>
public class HostNameFastPathTests
{
    [Theory]
    [InlineData("track.example.com", "track.example.com")]
    [InlineData("Track.Example.COM", "track.example.com")]
    [InlineData("track.example.com.", "track.example.com")]
    [InlineData("a-b.c-d.example", "a-b.c-d.example")]
    [InlineData("x1.example.co", "x1.example.co")]
    public void TakesPlainAsciiNamesAsTheFullChecksDo(string input, string expected)
    {
        Assert.True(HostName.TryNormalizePlainAscii(input, out string fast));
        Assert.Equal(expected, fast);
        Assert.True(HostName.TryNormalizeFully(input, out string full, out _));
        Assert.Equal(expected, full);
    }

    [Theory]
    [InlineData("xn--80ak6aa92e.com")]
    [InlineData("XN--80ak6aa92e.com")]
    [InlineData("1.2.3.4")]
    [InlineData("example.123")]
    [InlineData("localhost")]
    [InlineData("-a.example.com")]
    [InlineData("a-.example.com")]
    [InlineData("a..example.com")]
    [InlineData(".example.com")]
    [InlineData("example.com..")]
    [InlineData("under_score.example.com")]
    [InlineData(" track.example.com")]
    [InlineData("träck.example.com")]
    [InlineData("a\u200Bb.example.com")]
    public void LeavesEverythingElseToTheFullChecks(string input)
    {
        Assert.False(HostName.TryNormalizePlainAscii(input, out _));
    }

    [Fact]
    public void NeverAcceptsWhatTheFullChecksRefuseOnGeneratedNames()
    {
        const string alphabet = "abcXYZ019-._ xn";
        var random = new Random(20261201);
        int acceptedFast = 0;
        for (int n = 0; n < 50000; n++)
        {
            int length = random.Next(0, random.Next(2) == 0 ? 12 : 70);
            var chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }
            string input = new string(chars);
            if (random.Next(20) == 0)
            {
                input = new string('a', 60 + random.Next(10)) + "." + new string('b', random.Next(1, 70)) + ".com";
            }
            bool fast = HostName.TryNormalizePlainAscii(input, out string fastName);
            bool full = HostName.TryNormalizeFully(input, out string fullName, out _);
            if (fast)
            {
                acceptedFast++;
                Assert.True(full, $"the fast path accepted '{input}', which the full checks refuse");
                Assert.Equal(fullName, fastName);
            }
        }
        Assert.True(acceptedFast > 1000, $"the generated names should include many valid ones; {acceptedFast} were");
    }
}
