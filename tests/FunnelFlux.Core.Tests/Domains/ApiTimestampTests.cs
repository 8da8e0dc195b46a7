using System.Globalization;
using System.Text.RegularExpressions;
using FunnelFlux.Domains;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>
/// ApiTimestamp reads times by hand for speed. Its rules were first written as a pattern and a
/// culture-aware exact parse; that version is kept here as the oracle, and the hand-written reader
/// must agree with it on every input below, hand-picked and generated.
/// </summary>
public class ApiTimestampTests
{
    [Theory]
    [InlineData("2026-11-23T10:20:30Z", "2026-11-23T10:20:30.0000000+00:00")]
    [InlineData("2026-11-23t10:20:30.123456789+05:30", "2026-11-23T10:20:30.1234567+05:30")]
    [InlineData("2026-11-23 10:20:30 +0000 UTC", "2026-11-23T10:20:30.0000000+00:00")]
    [InlineData("2026-11-23 10:20", "2026-11-23T10:20:00.0000000+00:00")]
    [InlineData("2026-11-23", "2026-11-23T00:00:00.0000000+00:00")]
    [InlineData("2026-11-23 UTC", "2026-11-23T00:00:00.0000000+00:00")]
    [InlineData(" 2026-11-23T10:20:30,5-03 ", "2026-11-23T10:20:30.5000000-03:00")]
    [InlineData("1795000000", "2026-11-18T11:06:40.0000000+00:00")]
    [InlineData("1795000000123", "2026-11-18T11:06:40.1230000+00:00")]
    public void ReadsTheFormsTheApiSends(string text, string expected)
    {
        DateTimeOffset? parsed = ApiTimestamp.Parse(text);
        Assert.NotNull(parsed);
        Assert.Equal(expected, parsed!.Value.ToString("o", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026-11-23T24:00")]
    [InlineData("2026-11-23T10:20:60")]
    [InlineData("2026-11-23T10:20+15:00")]
    [InlineData("2026-11-23T10:20+05:60")]
    [InlineData("2026-11-23T10:20 CET")]
    [InlineData("2026-11-23T10:20Z utc")]
    [InlineData("0000-01-01")]
    [InlineData("0001-01-01T00:00+01:00")]
    [InlineData("2026-11-23T")]
    [InlineData("2026-11-23T10:20:3")]
    [InlineData("2026-11-23T10:20.")]
    [InlineData("0")]
    [InlineData("yesterday")]
    public void RefusesWhatIsNotATime(string text)
    {
        Assert.Null(ApiTimestamp.Parse(text));
        Assert.Null(PatternOracle.Parse(text));
    }

    [Fact]
    public void AgreesWithThePatternOracleOnHandPickedInputs()
    {
        string[] inputs =
        {
            "2026-11-23T10:20:30Z", "2026-11-23T10:20:30z", "2026-11-23T10:20:30+0530", "2026-11-23T10:20:30+05",
            "2026-11-23T10:20:30+05:3", "2026-11-23T10:20:30+05 30", "2026-11-23T10:20:30 Z", "2026-11-23T10:20:30Z UTC",
            "2026-11-23T10:20:30Z ABCDEF", "2026-11-23T10:20:30Z AB", "2026-11-23T10:20:30Z A", "2026-11-23 GMT",
            "2026-11-23  UTC", "2026-11-23UTC", "2026-11-23T10:20:30.1234567890123", "2026-11-23T10:20.5",
            "2026-11-23T10:20:30.", "2026-11-23T10:20:30,", "2024-02-29", "2023-02-29", "9999-12-31T23:59:59.9999999Z",
            "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00-01:00", "2026-11-23\t10:20",
            "2026-11-23T10:20\u00A0Z", "２０２６-11-23", "١٧٩٥٠٠٠٠٠٠", "1795000000.5", "1795000000.", ".5", "17950e3",
            "2026-11-23T10:20:30-14:00", "2026-11-23T10:20:30+14:01", "2026-11-23T10:20:30+00:00 UTC X", "2026-1-23",
        };
        foreach (string text in inputs)
        {
            Assert.True(Same(PatternOracle.Parse(text), ApiTimestamp.Parse(text)), $"'{text}': oracle {Show(PatternOracle.Parse(text))}, reader {Show(ApiTimestamp.Parse(text))}");
        }
    }

    [Fact]
    public void AgreesWithThePatternOracleOnGeneratedInputs()
    {
        // Pieces of the grammar, right and wrong, joined at random: 20,000 inputs, one seed.
        string[] dates = { "2026-11-23", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "2026-00-10", "2026-11-31", "2026-11-2", "20261123" };
        string[] separators = { "", "T", "t", " ", "  ", "_" };
        string[] times = { "", "10:20", "10:20:30", "23:59:59", "24:00", "10:60", "10:20:61", "1:20", "10:2" };
        string[] fractions = { "", ".5", ",25", ".123456789", ".", ",x" };
        string[] gaps = { "", " ", "\t", "  " };
        string[] zones = { "", "Z", "z", "+05:30", "-0800", "+05", "+5", "+14:00", "-14:01", "+05:7", "+05:75" };
        string[] tails = { "", " UTC", " GMT", " CET", " ABCDEF", " utc", "UTC", " X", "  PST" };
        var random = new Random(20261201);
        for (int n = 0; n < 20000; n++)
        {
            string text = Pick(dates) + Pick(separators) + Pick(times) + Pick(fractions) + Pick(gaps) + Pick(zones) + Pick(tails);
            if (random.Next(5) == 0)
            {
                text = " " + text + " ";
            }
            var expected = PatternOracle.Parse(text);
            var actual = ApiTimestamp.Parse(text);
            Assert.True(Same(expected, actual), $"'{text}': oracle {Show(expected)}, reader {Show(actual)}");
        }

        string Pick(string[] options) => options[random.Next(options.Length)];
    }

    private static bool Same(DateTimeOffset? a, DateTimeOffset? b) =>
        a.HasValue == b.HasValue && (!a.HasValue || (a.Value.UtcTicks == b!.Value.UtcTicks && a.Value.Offset == b.Value.Offset));

    private static string Show(DateTimeOffset? value) => value?.ToString("o", CultureInfo.InvariantCulture) ?? "null";

    /// <summary>The first implementation: a pattern, then an exact parse of a normalised string.</summary>
    private static class PatternOracle
    {
        private static readonly Regex IsoPattern = new(
            @"^(?<date>\d{4}-\d{2}-\d{2})" +
            @"(?:[Tt ](?<time>\d{2}:\d{2}(?::\d{2})?)(?:[.,](?<fraction>\d+))?)?" +
            @"\s*(?<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?" +
            @"(?(zone)(?:\s+[A-Z]{2,5})?|(?:\s+(?:UTC|GMT))?)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex UnixPattern = new(@"^\d+(?:\.\d+)?$", RegexOptions.CultureInvariant);

        public static DateTimeOffset? Parse(string? text)
        {
            if (text is null) return null;
            string trimmed = text.Trim();
            if (UnixPattern.IsMatch(trimmed))
            {
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double unix) ? ApiTimestamp.FromUnix(unix) : null;
            }
            Match match = IsoPattern.Match(trimmed);
            if (!match.Success) return null;
            string time = match.Groups["time"].Success ? match.Groups["time"].Value : "00:00:00";
            if (time.Length == 5) time += ":00";
            string fraction = match.Groups["fraction"].Value;
            fraction = fraction.Length == 0 ? "0" : fraction.Substring(0, Math.Min(7, fraction.Length));
            string normalized = $"{match.Groups["date"].Value}T{time}.{fraction}{NormalizeZone(match.Groups["zone"].Value)}";
            return DateTimeOffset.TryParseExact(normalized, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset parsed)
                ? parsed
                : null;
        }

        private static string NormalizeZone(string zone)
        {
            if (zone.Length == 0 || zone == "Z" || zone == "z") return "+00:00";
            string digits = zone.Substring(1).Replace(":", string.Empty);
            if (digits.Length == 2) digits += "00";
            return $"{zone[0]}{digits.Substring(0, 2)}:{digits.Substring(2, 2)}";
        }
    }
}
