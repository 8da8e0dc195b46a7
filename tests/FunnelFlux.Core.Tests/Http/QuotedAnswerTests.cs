using System.Text;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>
/// An answer that is not the JSON expected is quoted in the error by the start of its text, taken
/// from the start of its bytes: however long the answer, the error costs about the same.
/// </summary>
public class QuotedAnswerTests
{
    private static readonly ApiRequest ListDomains = new(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

    private static ApiResponse Answer(int status, string text, bool bom = false)
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return new ApiResponse(status, status == 200 ? "OK" : "Bad Gateway", new BodyBytes(bytes, bytes.Length), "text/html", null);
    }

    private static string NotJsonReason(ApiResponse response) =>
        ApiErrorTranslator.FromResponse(response, ListDomains, "Listing domains", null).Message;

    private static string InvalidBodyMessage(ApiResponse response) =>
        ApiErrorTranslator.InvalidBody(response, "Listing domains", null, null).Message;

    [Fact]
    public void AShortErrorPageIsQuotedByItsText()
    {
        var response = Answer(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>");

        Assert.Equal(
            "Listing domains failed: FunnelFlux answered 502 Bad Gateway: the answer was not JSON: \"502 Bad Gateway 502 Bad Gateway nginx\".",
            NotJsonReason(response));
    }

    [Fact]
    public void ALongPageIsQuotedByItsStartAndSaysMoreFollowed()
    {
        string page = "<html><body><p>" + string.Join(" ", Enumerable.Range(0, 500_000).Select(i => "word" + i)) + "</p></body></html>";
        var response = Answer(200, page);

        string message = InvalidBodyMessage(response);

        string expected = string.Join(" ", Enumerable.Range(0, 500_000).Select(i => "word" + i)).Substring(0, 120) + "...";
        Assert.Contains($": \"{expected}\".", message);
    }

    [Fact]
    public void TextAfterTheWindowIsNotLookedFor()
    {
        // All markup for the first window, then the text: the quote is empty but says more followed.
        string page = "<div>" + new string(' ', 10) + string.Concat(Enumerable.Repeat("<span class=\"x\"></span>", ApiErrorTranslator.QuoteWindow / 10)) + "late text";
        var response = Answer(502, page);

        Assert.Contains("the answer was not JSON: \"...\"", NotJsonReason(response));
    }

    [Fact]
    public void ATagCutAtTheWindowsEndIsLeftOut()
    {
        string text = new string('a', 10);
        string page = text + new string(' ', ApiErrorTranslator.QuoteWindow - 20) + "<div class=\"a-long-class-name\">more";
        var response = Answer(502, page);

        Assert.Contains($"the answer was not JSON: \"{text}...\"", NotJsonReason(response));
    }

    [Fact]
    public void AQuoteOfAFourMegabyteAnswerDecodesOnlyItsStart()
    {
        string page = "<html><body>" + string.Concat(Enumerable.Repeat("<script>", 500_000)) + "</body></html>";
        var response = Answer(200, page);
        InvalidBodyMessage(Answer(200, "<b>warm</b>"));

        long before = GC.GetAllocatedBytesForCurrentThread();
        string message = InvalidBodyMessage(response);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("with a body that is not the JSON expected: \"...\".", message);
        // The whole text would be 8 MB; the window's text and its copies stay well under 1 MB.
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes to quote a 4 MB answer");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnEmptyAnswerIsNotQuoted(bool bom)
    {
        var response = Answer(200, "", bom);

        Assert.EndsWith("with a body that is not the JSON expected.", InvalidBodyMessage(response));
        Assert.Contains("answered 502 Bad Gateway: no reason given.", NotJsonReason(Answer(502, "", bom)));
    }

    [Fact]
    public void AnAnswerOfBlanksIsQuotedAsBlank()
    {
        Assert.Contains("the answer was not JSON: \"\".", NotJsonReason(Answer(502, " \r\n ")));
    }

    [Fact]
    public void AnAnswerGivenAsTextIsQuotedTheSameWay()
    {
        var response = new ApiResponse(502, "Bad Gateway", "<p>down for maintenance</p>", "text/html", null);

        Assert.Contains("the answer was not JSON: \"down for maintenance\".", NotJsonReason(response));
    }
}
