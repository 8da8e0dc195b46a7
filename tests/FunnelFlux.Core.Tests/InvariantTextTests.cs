using System.Globalization;
using FunnelFlux.Http;
using FunnelFlux.Ids;

namespace FunnelFlux.Core.Tests;

/// <summary>Messages read the same in every culture: da-DK writes times with '.' and decimals with ','.</summary>
public class InvariantTextTests
{
    private static T InDanish<T>(Func<T> act)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("da-DK");
        try
        {
            Assert.Equal(".", CultureInfo.CurrentCulture.DateTimeFormat.TimeSeparator); // the case this guards
            return act();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void TimesAndNumbersIgnoreTheCulture()
    {
        var time = new DateTimeOffset(2026, 1, 2, 10, 16, 46, 207, TimeSpan.FromHours(2));

        Assert.Equal("2026-01-02 08:16:46Z", InDanish(() => InvariantText.UtcSeconds(time)));
        Assert.Equal("2026-01-02T08:16:46.207Z", InDanish(() => InvariantText.UtcIso(time)));
        Assert.Equal("2.5", InDanish(() => InvariantText.Number(2.5, "0.#")));
    }

    [Fact]
    public void AnIsoTimeKeepsWhatIsFinerThanAMillisecond()
    {
        var time = new DateTimeOffset(2026, 1, 2, 10, 16, 46, 207, TimeSpan.Zero).AddTicks(5000);

        Assert.Equal("2026-01-02T10:16:46.2075000Z", InvariantText.UtcIso(time));
    }

    [Fact]
    public void TheFormatsRangeErrorIsTheSameInEveryCulture()
    {
        var error = InDanish(() => Assert.Throws<ArgumentOutOfRangeException>(() => AssetIdFormat.EncodeTime(AssetIdFormat.MaxTimestamp.AddTicks(5000))));

        Assert.Contains("from 2019-07-23T00:00:00.000Z to 2131-02-25T10:16:46.207Z (UTC); 2131-02-25T10:16:46.2075000Z is outside", error.Message);
    }

    [Fact]
    public void RetryPausesAndTimeoutsHaveAFullStopForTheirDecimalPoint()
    {
        Assert.Equal("2.5 s", InDanish(() => ApiTransport.FormatDelay(TimeSpan.FromSeconds(2.5))));
        Assert.Equal("No answer within 2.25 s.", InDanish(() => new AttemptTimeoutException(TimeSpan.FromSeconds(2.25), new TimeoutException()).Message));
    }
}
