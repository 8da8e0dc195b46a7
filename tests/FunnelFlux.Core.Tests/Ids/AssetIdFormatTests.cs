using FunnelFlux.Ids;

namespace FunnelFlux.Core.Tests.Ids;

public class AssetIdFormatTests
{
    [Theory]
    [InlineData("2019-07-23T00:00:00.000Z", "0000000")]
    [InlineData("2019-07-23T00:00:00.001Z", "0000001")]
    [InlineData("2026-01-01T00:00:00.000Z", "3a0HFXE")]
    [InlineData("2026-11-23T00:00:00.000Z", "44kSarQ")]
    [InlineData("2131-02-25T10:16:46.207Z", "zzzzzzz")]
    public void EncodesTheDocumentedTestVectors(string time, string expected)
    {
        Assert.Equal(expected, AssetIdFormat.EncodeTime(DateTimeOffset.Parse(time)));
    }

    [Fact]
    public void SixtyTwoMillisecondsCarryIntoTheSecondDigit()
    {
        var time = AssetIdFormat.MinTimestamp.AddMilliseconds(62);
        Assert.Equal("0000010", AssetIdFormat.EncodeTime(time));
        Assert.Equal("000000z", AssetIdFormat.EncodeTime(time.AddMilliseconds(-1)));
    }

    [Fact]
    public void AlphabetIsDigitsThenUpperThenLowerAndAscendsOrdinally()
    {
        Assert.Equal(62, AssetIdFormat.Alphabet.Length);
        Assert.Equal(0, AssetIdFormat.DigitValue('0'));
        Assert.Equal(9, AssetIdFormat.DigitValue('9'));
        Assert.Equal(10, AssetIdFormat.DigitValue('A'));
        Assert.Equal(35, AssetIdFormat.DigitValue('Z'));
        Assert.Equal(36, AssetIdFormat.DigitValue('a'));
        Assert.Equal(61, AssetIdFormat.DigitValue('z'));
        for (int i = 0; i < AssetIdFormat.Alphabet.Length; i++)
        {
            Assert.Equal(i, AssetIdFormat.DigitValue(AssetIdFormat.Alphabet[i]));
            if (i > 0)
            {
                Assert.True(string.CompareOrdinal(AssetIdFormat.Alphabet[i - 1].ToString(), AssetIdFormat.Alphabet[i].ToString()) < 0);
            }
        }
    }

    [Fact]
    public void RangeBoundariesAreExact()
    {
        Assert.Equal(DateTimeOffset.Parse("2019-07-23T00:00:00.000Z"), AssetIdFormat.MinTimestamp);
        Assert.Equal(DateTimeOffset.Parse("2131-02-25T10:16:46.207Z"), AssetIdFormat.MaxTimestamp);
        Assert.Equal(AssetIdFormat.MaxTimeOffset, (long)Math.Pow(62, 7) - 1);
        Assert.Equal(AssetIdFormat.RandomSpace, (long)Math.Pow(62, 5));
        Assert.True(AssetIdFormat.IsInRange(AssetIdFormat.MinTimestamp));
        Assert.True(AssetIdFormat.IsInRange(AssetIdFormat.MaxTimestamp));
        Assert.False(AssetIdFormat.IsInRange(AssetIdFormat.MinTimestamp.AddMilliseconds(-1)));
        Assert.False(AssetIdFormat.IsInRange(AssetIdFormat.MaxTimestamp.AddMilliseconds(1)));
    }

    [Theory]
    [InlineData("2019-07-22T23:59:59.999Z")]
    [InlineData("2131-02-25T10:16:46.208Z")]
    [InlineData("1970-01-01T00:00:00.000Z")]
    public void RefusesTimesOutsideTheRange(string time)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AssetIdFormat.EncodeTime(DateTimeOffset.Parse(time)));
        Assert.Contains("2019-07-23T00:00:00.000Z", error.Message);
        Assert.Contains("2131-02-25T10:16:46.207Z", error.Message);
    }

    [Fact]
    public void OffsetTimesAreEncodedAsTheSameInstant()
    {
        var utc = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        var local = utc.ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal("3a0HFXE", AssetIdFormat.EncodeTime(local));
    }
}
