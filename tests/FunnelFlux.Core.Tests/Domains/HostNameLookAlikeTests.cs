using FunnelFlux.Domains;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>Input means what it says: invisible and slash-like characters are refused, never dropped.</summary>
public class HostNameLookAlikeTests
{
    [Theory]
    [InlineData("a\u200Bb.example.com", "U+200B ZERO WIDTH SPACE at position 2")]
    [InlineData("ab\u00AD.example.com", "U+00AD SOFT HYPHEN")]
    [InlineData("tra\u200Dck.example.com", "U+200D ZERO WIDTH JOINER")]
    [InlineData("tra\u200Cck.example.com", "U+200C ZERO WIDTH NON-JOINER")]
    [InlineData("track\uFE0F.example.com", "U+FE0F VARIATION SELECTOR-16")]
    [InlineData("track\U000E0101.example.com", "U+E0101 VARIATION SELECTOR-18")]
    [InlineData("\uFEFFtrack.example.com", "U+FEFF ZERO WIDTH NO-BREAK SPACE")]
    [InlineData("track\u2060.example.com", "U+2060 WORD JOINER")]
    [InlineData("track.exa\u034Fmple.com", "U+034F")]
    [InlineData("track\u180B.example.com", "U+180B")]
    [InlineData("track\u3164.example.com", "U+3164")]
    [InlineData("track\u200E.example.com", "U+200E LEFT-TO-RIGHT MARK")]
    [InlineData("track\u202E.example.com", "U+202E")]
    [InlineData("track\U000E0041.example.com", "U+E0041")]
    [InlineData("b\u00FCcher\u200B.example", "U+200B")]
    [InlineData("track\u0600.example.com", "U+0600")]
    public void InvisibleCharactersAreRefusedNotRemoved(string input, string detail)
    {
        Assert.False(HostName.TryNormalize(input, out string normalized, out string? error));

        Assert.Equal(string.Empty, normalized);
        Assert.Contains("invisible character", error);
        Assert.Contains(detail, error);
        Assert.Contains("refused rather than removed", error);
    }

    [Fact]
    public void TheMessageShowsTheInvisibleCharacter()
    {
        HostName.TryNormalize("a\u200Bb.example.com", out _, out string? error);

        Assert.Contains("'a\\u200Bb.example.com'", error);
    }

    [Theory]
    [InlineData("track.example.com\u2215path", "U+2215 DIVISION SLASH")]
    [InlineData("track.example.com\u2044x", "U+2044 FRACTION SLASH")]
    [InlineData("track\uFF0Fexample.com", "U+FF0F FULLWIDTH SOLIDUS")]
    [InlineData("track\u2216example.com", "U+2216 SET MINUS")]
    public void CharactersThatLookLikeASlashAreRefused(string input, string detail)
    {
        Assert.False(HostName.TryNormalize(input, out _, out string? error));

        Assert.Contains(detail, error);
        Assert.Contains("looks like '/' or '\\'", error);
    }

    [Theory]
    [InlineData("\u0430pple.com", "xn--pple-43d.com", "Cyrillic and Latin")]
    [InlineData("p\u0430yp\u0430l.com", "xn--pypl-53dc.com", "Cyrillic and Latin")]
    [InlineData("track.g\u03BFogle.com", "track.xn--gogle-rce.com", "Greek and Latin")]
    public void ANameThatMixesScriptsIsReportedWithItsPunycodeForm(string input, string ascii, string scripts)
    {
        string normalized = HostName.Normalize(input);
        Assert.Equal(ascii, normalized);

        string? warning = HostName.FindMixedScripts(normalized);

        Assert.NotNull(warning);
        Assert.Contains(scripts, warning);
        Assert.Contains(ascii, warning);
        Assert.Contains("look-alike", warning);
    }

    [Theory]
    [InlineData("track.example.com")]
    [InlineData("bücher.example")]
    [InlineData("пример.рф")]
    [InlineData("пример.com")]
    [InlineData("例え.テスト")]
    [InlineData("日本語とカタカナabc.jp")]
    [InlineData("한국abc.kr")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("ελληνικά.gr")]
    public void SingleScriptLabelsAndTheUsualCombinationsAreNotReported(string input) =>
        Assert.Null(HostName.FindMixedScripts(HostName.Normalize(input)));
}
