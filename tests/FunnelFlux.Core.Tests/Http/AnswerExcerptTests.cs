using System.Text;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>
/// -Debug shows the start of every answer: made from the start of its bytes, it reads the same as
/// the excerpt of the whole text would, without decoding a long body whole.
/// </summary>
public class AnswerExcerptTests
{
    public static TheoryData<string, int> Bodies() => new()
    {
        { "", 10 },
        { "   ", 10 },
        { "{\"success\":true}", 10 },
        { "{\"success\":true}", 16 },
        { "{\"success\":true}", 17 },
        { "  \r\n {\"success\":true}\r\n  ", 16 },
        { "{\"a\":\"line one\r\nline two\"}", 100 },
        { new string('x', 40), 39 },
        { new string('x', 40), 40 },
        { new string('x', 400) + new string(' ', 500), 40 },
        { new string(' ', 5000) + "{\"success\":true}" + new string(' ', 5000), 16 },
        { new string(' ', 5000) + "{\"success\":true}" + new string(' ', 5000), 15 },
        { string.Concat(Enumerable.Repeat("é€😀a", 200)), 7 },
        { string.Concat(Enumerable.Repeat("é€😀a", 200)), 8 },
        { string.Concat(Enumerable.Repeat("€", 300)), 99 },
        { string.Concat(Enumerable.Repeat("€", 300)), 100 },
        { string.Concat(Enumerable.Repeat("😀", 300)), 99 },
        { "\uFEFF" + "{\"success\":true}", 5 },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void AnExcerptOfTheBytesIsTheExcerptOfTheWholeText(string text, int max)
    {
        var response = Utf8Answer(text);
        string whole = ApiTransport.Excerpt(text.TrimStart('\uFEFF'), max);

        Assert.Equal(whole, ApiTransport.Excerpt(response, max));
    }

    [Fact]
    public void ABodyInAnotherEncodingIsDecodedWholeForItsExcerpt()
    {
        string text = "{\"name\":\"Café Müller\"}" + new string(' ', 100);
        byte[] latin1 = Encoding.Latin1.GetBytes(text);
        var response = new ApiResponse(200, "OK", new BodyBytes(latin1, latin1.Length, Encoding.Latin1), "application/json", null);

        Assert.Equal("{\"name\":\"Café...", ApiTransport.Excerpt(response, 13));
        Assert.Equal(text.Trim(), ApiTransport.Excerpt(response, 4000));
    }

    [Fact]
    public void AFourMegabyteAnswerIsNotDecodedWholeForItsExcerpt()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"success\":true,\"domains\":[" + new string(' ', 4 * 1024 * 1024) + "]}");
        var response = new ApiResponse(200, "OK", new BodyBytes(body, body.Length), "application/json", null);
        ApiTransport.Excerpt(response, 4000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        string excerpt = ApiTransport.Excerpt(response, 4000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("{\"success\":true,\"domains\":[...", excerpt);
        // The whole text would be 8 MB; the excerpt's decoding needs at most 12,003 bytes as 24 KB of text.
        Assert.True(allocated < 100 * 1024, $"allocated {allocated} bytes for an excerpt of 4000 characters");
    }

    private static ApiResponse Utf8Answer(string text)
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        return new ApiResponse(200, "OK", new BodyBytes(bytes, bytes.Length), "application/json", null);
    }
}
