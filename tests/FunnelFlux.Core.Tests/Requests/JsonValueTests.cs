using System.Numerics;
using FunnelFlux.Requests;

namespace FunnelFlux.Core.Tests.Requests;

/// <summary>Reading answers exactly, writing bodies to any depth, and checking JSON text a user wrote.</summary>
public class JsonValueTests
{
    private static List<KeyValuePair<string, object?>> Obj(params (string Key, object? Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToList();

    private static List<object?> Arr(params object?[] items) => items.ToList();

    [Theory]
    [InlineData("0", typeof(long), "0")]
    [InlineData("-42", typeof(long), "-42")]
    [InlineData("9223372036854775807", typeof(long), "9223372036854775807")]
    [InlineData("9223372036854775808", typeof(BigInteger), "9223372036854775808")]
    [InlineData("-123456789012345678901234567890", typeof(BigInteger), "-123456789012345678901234567890")]
    [InlineData("0.1", typeof(decimal), "0.1")]
    [InlineData("1.50", typeof(decimal), "1.50")]
    [InlineData("12345678901234567.89", typeof(decimal), "12345678901234567.89")]
    [InlineData("1e3", typeof(decimal), "1000")]
    [InlineData("1.5e-30", typeof(double), "1.5E-30")]
    [InlineData("1e40", typeof(double), "1E+40")]
    [InlineData("123456789012345678901234567890123e5", typeof(BigInteger), "12345678901234567890123456789012300000")]
    public void NumbersAreReadWithoutLosingDigits(string json, Type type, string text)
    {
        object? value = JsonAnswer.Read(json);

        Assert.IsType(type, value);
        Assert.Equal(text, ((IFormattable)value!).ToString(type == typeof(double) ? "R" : null, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AnswersKeepOrderDuplicatesAndDateLookingStrings()
    {
        var value = Assert.IsType<List<KeyValuePair<string, object?>>>(
            JsonAnswer.Read("{\"z\":1,\"a\":{\"created_at\":\"2026-01-01T00:00:00Z\",\"n\":null,\"t\":true},\"list\":[1,\"x\",[]],\"z\":2}"));

        Assert.Equal(new[] { "z", "a", "list", "z" }, value.Select(p => p.Key));
        var inner = Assert.IsType<List<KeyValuePair<string, object?>>>(value[1].Value);
        Assert.Equal("2026-01-01T00:00:00Z", Assert.IsType<string>(inner[0].Value));
        Assert.Null(inner[1].Value);
        Assert.Equal(true, inner[2].Value);
        var list = Assert.IsType<List<object?>>(value[2].Value);
        Assert.Equal(3, list.Count);
        Assert.Empty(Assert.IsType<List<object?>>(list[2]));
    }

    [Theory]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{} {}")]
    [InlineData("// comment\n{}")]
    [InlineData("")]
    [InlineData("<html>")]
    public void MalformedAnswersAreReportedNotGuessed(string json)
    {
        Assert.False(JsonAnswer.TryRead(json, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void DeepDocumentsAreReadAndWrittenWithoutATruncationOrAStackOverflow()
    {
        const int depth = 20000;
        string json = string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "\"leaf\"" + string.Concat(Enumerable.Repeat("]}", depth));

        object? value = JsonAnswer.Read(json);

        Assert.Equal(json, JsonBody.Write(value));
    }

    [Fact]
    public void BodiesAreWrittenExactly()
    {
        var body = Obj(
            ("domain", "track.example.com"),
            ("count", 3L),
            ("big", BigInteger.Parse("123456789012345678901234567890")),
            ("cost", 1.50m),
            ("ratio", 0.1d),
            ("max", ulong.MaxValue),
            ("ok", false),
            ("none", null),
            ("ids", Arr("3a0HFXEabcde", "44kSarQabcde")),
            ("text", "caf\u00e9 \"quoted\" <tag>"));

        Assert.Equal(
            "{\"domain\":\"track.example.com\",\"count\":3,\"big\":123456789012345678901234567890,\"cost\":1.50,\"ratio\":0.1," +
            "\"max\":18446744073709551615,\"ok\":false,\"none\":null,\"ids\":[\"3a0HFXEabcde\",\"44kSarQabcde\"],\"text\":\"caf\u00e9 \\\"quoted\\\" <tag>\"}",
            JsonBody.Write(body));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NumbersJsonCannotHoldAreRefused(double value)
    {
        var error = Assert.Throws<RequestRefusedException>(() => JsonBody.Write(Obj(("x", value))));
        Assert.Equal("InvalidJsonBody", error.ErrorId);
    }

    [Fact]
    public void ACycleInPlainValuesIsRefused()
    {
        var list = new List<object?>();
        list.Add(list);

        var error = Assert.Throws<RequestRefusedException>(() => JsonBody.Write(list));
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void TheSameListTwiceIsNotACycle()
    {
        var shared = Arr("x");
        Assert.Equal("{\"a\":[\"x\"],\"b\":[\"x\"]}", JsonBody.Write(Obj(("a", shared), ("b", shared))));
    }

    [Fact]
    public void JsonTextIsSentUnchangedOnceChecked()
    {
        const string text = "{ \"domain\" : \"track.example.com\" }";
        Assert.Same(text, JsonBody.CheckText(text));
    }

    [Theory]
    [InlineData("{\"domain\": ", "line 1")]
    [InlineData("{\n  \"a\": 1,\n  \"b\": tru\n}", "line 3")]
    [InlineData("domain=track.example.com", "line 1")]
    [InlineData("   ", "empty")]
    public void JsonTextWithAMistakeIsRefusedSayingWhere(string text, string expected)
    {
        var error = Assert.Throws<RequestRefusedException>(() => JsonBody.CheckText(text));

        Assert.Equal("InvalidJsonBody", error.ErrorId);
        Assert.Contains(expected, error.Message);
        Assert.Contains("Nothing was sent", error.Message);
    }

    [Fact]
    public void SecretFieldsAreMaskedAtAnyDepth()
    {
        string masked = JsonRedaction.Redact(
            "{\"refresh_token\":\"r-123\",\"user\":{\"Password\":\"hunter2\",\"name\":\"ann\",\"apiSecret\":{\"x\":1}},\"items\":[{\"AUTHORIZATION\":\"Bearer abc\"}],\"idToken\":42}");

        Assert.Equal("{\"refresh_token\":\"***\",\"user\":{\"Password\":\"***\",\"name\":\"ann\",\"apiSecret\":\"***\"},\"items\":[{\"AUTHORIZATION\":\"***\"}],\"idToken\":\"***\"}", masked);
    }

    [Fact]
    public void BodyFieldsAreMaskedByTheSameNamesAsQueryParameters()
    {
        string masked = JsonRedaction.Redact(
            "{\"apiKey\":\"k-1\",\"traffic\":{\"x-api-key\":\"k-2\",\"sig\":\"s-1\",\"design\":\"kept\"},\"client_credential\":\"c-1\",\"Cookie\":\"c-2\",\"jwt\":\"j-1\",\"keys\":[\"kept\"]}");

        Assert.Equal("{\"apiKey\":\"***\",\"traffic\":{\"x-api-key\":\"***\",\"sig\":\"***\",\"design\":\"kept\"},\"client_credential\":\"***\",\"Cookie\":\"***\",\"jwt\":\"***\",\"keys\":[\"kept\"]}", masked);
    }

    [Fact]
    public void SecretFieldsAreMaskedEvenInBrokenJson()
    {
        string masked = JsonRedaction.Redact("{\"access_token\": \"abc.def\", \"secret\": 12345, \"ok\": \"yes\"");

        Assert.DoesNotContain("abc.def", masked);
        Assert.DoesNotContain("12345", masked);
        Assert.Contains("\"ok\": \"yes\"", masked);
    }
}
