using FunnelFlux.Errors;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>Masking tokens in text a server sent, before it reaches a message.</summary>
public sealed class KnownSecretsTests
{
    [Fact]
    public void ARememberedTokenIsMaskedWhereverItAppears()
    {
        string token = "tok-" + Guid.NewGuid().ToString("N");
        KnownSecrets.Remember(token);

        Assert.Equal("failed for *** (twice: ***)", KnownSecrets.Scrub($"failed for {token} (twice: {token})"));
        Assert.Equal("{\"t\":\"***\"}", KnownSecrets.Scrub($"{{\"t\":\"{token}\"}}"));
    }

    [Theory]
    [InlineData("Authorization: Bearer abc.def-ghi_jkl", "Authorization: Bearer ***")]
    [InlineData("authorization: bearer    xyz==", "authorization: bearer    ***")]
    [InlineData("BEARER a1 and Bearer b2, done", "BEARER *** and Bearer ***, done")]
    [InlineData("Bearer ***", "Bearer ***")]
    [InlineData("Bearer", "Bearer")]
    [InlineData("Bearer.", "Bearer.")]
    [InlineData("the bearers of news", "the bearers of news")]
    [InlineData("a Bearer token is required", "a Bearer *** is required")]
    [InlineData("no tokens here", "no tokens here")]
    [InlineData("", "")]
    public void WhatFollowsBearerIsMasked(string text, string expected) =>
        Assert.Equal(expected, KnownSecrets.Scrub(text));

    [Fact]
    public void ShortValuesAreNotRememberedSoOrdinaryWordsSurvive()
    {
        KnownSecrets.Remember("pending");

        Assert.Equal("status pending", KnownSecrets.Scrub("status pending"));
    }

    [Fact]
    public void AnInnerExceptionQuotingATokenIsReplacedByAMaskedOne()
    {
        string token = "inner-" + Guid.NewGuid().ToString("N");
        KnownSecrets.Remember(token);
        var inner = new FormatException($"'{token}' is an invalid literal");

        var error = new FunnelFluxException("X", FailureKind.InvalidResult, $"bad answer {token}", $"see {token}", innerException: inner);

        Assert.DoesNotContain(token, error.ToString());
        Assert.Equal("bad answer ***", error.Message);
        Assert.Equal("see ***", error.RecommendedAction);
        Assert.Contains("FormatException: '***' is an invalid literal", error.InnerException!.Message);
        var plain = new InvalidOperationException("nothing secret");
        Assert.Same(plain, new FunnelFluxException("X", FailureKind.InvalidResult, "m", innerException: plain).InnerException);
    }
}
