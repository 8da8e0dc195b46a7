using FunnelFlux.Ids;

namespace FunnelFlux.Core.Tests.Ids;

public class AssetIdValidatorTests
{
    [Theory]
    [InlineData("3a0HFXEabcde", "2026-01-01T00:00:00.000Z")]
    [InlineData("000000000000", "2019-07-23T00:00:00.000Z")]
    [InlineData("zzzzzzzzzzzz", "2131-02-25T10:16:46.207Z")]
    [InlineData("44kSarQ0Zz9a", "2026-11-23T00:00:00.000Z")]
    public void ValidIdsDecodeToTheirTime(string id, string time)
    {
        var info = AssetIdValidator.Inspect(id);
        Assert.True(info.IsValid);
        Assert.Null(info.Reason);
        Assert.Equal(DateTimeOffset.Parse(time), info.Timestamp);
        Assert.Equal(TimeSpan.Zero, info.Timestamp!.Value.Offset);
        Assert.Equal(id, info.Id);
    }

    [Theory]
    [InlineData("3a0HFXEabcd", "11 character")]
    [InlineData("3a0HFXEabcdef", "13 character")]
    [InlineData("", "0 character")]
    [InlineData("3a0HFXE-bcde", "Character 8 ('-')")]
    [InlineData("3a0HFXE_bcde", "Character 8 ('_')")]
    [InlineData("3a0HFXEabcdé", "Character 12 (U+00E9)")]
    [InlineData("3a0HFXEabcdЖ", "Character 12 (U+0416)")]
    [InlineData("3a0HFXE abcd", "Character 8 (U+0020)")]
    [InlineData(" 3a0HFXEabcd", "Character 1 (U+0020)")]
    [InlineData("3a0HFXEabcd\t", "Character 12 (U+0009)")]
    // Twelve characters to the eye: the length names what cannot be seen or counted.
    [InlineData("3a0HFXEabcde\u200B", "13 character(s), including U+200B at 13;")]
    [InlineData("\uFEFF3a0HFXEabcde", "13 character(s), including U+FEFF at 1;")]
    [InlineData("3a0HFXEabc\U0001F600", "Character 11 (U+1F600)")]
    // An emoji is two UTF-16 units but one character to the eye: twelve characters, one wrong.
    [InlineData("3a0HFXEabcd\U0001F600", "Character 12 (U+1F600) is not allowed")]
    [InlineData("3a0HFXEabcde\U0001F600", "13 character(s), including U+1F600 at 13;")]
    [InlineData("\U0001F600\U0001F600", "2 character(s), including U+1F600 at 1;")]
    public void InvalidIdsSayWhy(string id, string reasonPart)
    {
        var info = AssetIdValidator.Inspect(id);
        Assert.False(info.IsValid);
        Assert.Null(info.Timestamp);
        Assert.Contains(reasonPart, info.Reason);
        Assert.False(AssetIdValidator.IsValid(id));
    }

    [Fact]
    public void NullIsInvalid()
    {
        var info = AssetIdValidator.Inspect(null);
        Assert.False(info.IsValid);
        Assert.Contains("null", info.Reason);
    }

    [Fact]
    public void CaseMattersButBothCasesAreInTheAlphabet()
    {
        var upper = AssetIdValidator.Inspect("3A0HFXEABCDE");
        var lower = AssetIdValidator.Inspect("3a0HFXEabcde");
        Assert.True(upper.IsValid);
        Assert.True(lower.IsValid);
        Assert.NotEqual(upper.Timestamp, lower.Timestamp);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3a0HFXEabcde")]
    [InlineData("3a0HFXEabcd")]
    [InlineData("3a0HFXEabcdef")]
    [InlineData("3a0HFXEabc-e")]
    [InlineData("3a0HFXEabcé1")]
    [InlineData("zzzzzzzzzzzz")]
    [InlineData("000000000000")]
    public void IsValidAnswersAsInspectDoes(string? id)
    {
        Assert.Equal(AssetIdValidator.Inspect(id).IsValid, AssetIdValidator.IsValid(id));
    }
}
