using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>The --fault grammar: "[METHOD] PATH KIND [VALUE] [NAME=VALUE ...] [after] [xN]".</summary>
public sealed class FaultSpecTests
{
    [Fact]
    public void TheBriefsExample()
    {
        FaultSpec spec = FaultSpec.Parse("DELETE /billing/domains/* close after x1");

        Assert.Equal("DELETE", spec.Method);
        Assert.Equal("/billing/domains/*", spec.Path);
        Assert.Equal(Fault.Close() with { AfterAction = true }, spec.Fault);
        Assert.Equal(1, spec.Times);
    }

    [Theory]
    [InlineData("POST /billing/domains status 503 x2", "POST", 2)]
    [InlineData("post /billing/domains status statusCode=503 X2", "POST", 2)]
    [InlineData("* /billing/domains status 503 x2", null, 2)]
    [InlineData("/billing/domains status 503", null, 1)]
    [InlineData("  POST   /billing/domains   status   503   ", "POST", 1)]
    public void MethodIsOptionalAndTheBareValueIsTheMainArgument(string text, string? method, int times)
    {
        FaultSpec spec = FaultSpec.Parse(text);

        Assert.Equal(method, spec.Method);
        Assert.Equal(Fault.Status(503), spec.Fault);
        Assert.Equal(times, spec.Times);
    }

    [Fact]
    public void QuotedValuesKeepTheirSpaces()
    {
        FaultSpec spec = FaultSpec.Parse("POST /billing/domains error 400 errorCode=INVALID_VERIFICATION_TOKEN errorMessage='verification token mismatch'");

        Assert.Equal(Fault.Error(400, "INVALID_VERIFICATION_TOKEN", "verification token mismatch"), spec.Fault);
        Assert.Equal(Fault.Error(400, "X", "a b"), FaultSpec.Parse("/x error errorCode=X \"errorMessage=a b\"").Fault);
    }

    [Fact]
    public void EveryKindCanBeWritten()
    {
        Assert.Equal(Fault.Status(429, "2"), FaultSpec.Parse("/x status 429 retryAfter=2").Fault);
        Assert.Equal(Fault.Status(500, body: "oops"), FaultSpec.Parse("/x status body=oops").Fault);
        Assert.Equal(Fault.Html(503), FaultSpec.Parse("/x html 503").Fault);
        Assert.Equal(Fault.DropConnection() with { AfterAction = true }, FaultSpec.Parse("/x drop after").Fault);
        Assert.Equal(Fault.Delay(TimeSpan.FromSeconds(2)), FaultSpec.Parse("/x delay 2000").Fault);
        Assert.Equal(Fault.TruncatedJson(), FaultSpec.Parse("/x truncated").Fault);
        Assert.Equal(Fault.SuccessFalse("CLOUDFLARE_ERROR", "Emulated CLOUDFLARE_ERROR"), FaultSpec.Parse("/x successFalse CLOUDFLARE_ERROR").Fault);
        Assert.Equal(Fault.ExpiredToken(400), FaultSpec.Parse("/x expiredToken 400").Fault);
        Assert.Equal(Fault.Oversize(200L << 20), FaultSpec.Parse("/x oversize 200MB").Fault);
        Assert.Equal(Fault.Oversize(200L << 20), FaultSpec.Parse("/x oversize").Fault);
        Assert.Equal(Fault.Oversize(5000), FaultSpec.Parse("/x oversize bytes=5000").Fault);
        Assert.Equal(Fault.SlowBody(1, TimeSpan.FromSeconds(1)), FaultSpec.Parse("/x slowBody bytesPerChunk=1 chunkDelayMs=1000").Fault);
        Assert.Equal(Fault.SlowBody(8, TimeSpan.FromMilliseconds(300)), FaultSpec.Parse("/x slowBody 300").Fault);
        Assert.Equal(Fault.Redirect(307, "/elsewhere"), FaultSpec.Parse("/x redirect 307 location=/elsewhere").Fault);
        Assert.Equal(Fault.Redirect(), FaultSpec.Parse("/x redirect").Fault);
    }

    [Fact]
    public void QueueOnAddsItToThePlan()
    {
        var plan = new FaultPlan();

        FaultSpec.Parse("GET /billing/domains status 503 x3").QueueOn(plan);

        Assert.Equal(3, plan.Pending);
    }

    [Theory]
    [InlineData("", "a path starting with '/' is needed")]
    [InlineData("GET", "a path starting with '/' is needed")]
    [InlineData("GET billing/domains status", "a path starting with '/' is needed")]
    [InlineData("GE-T /x status", "neither an HTTP method nor a path")]
    [InlineData("GET /x", "a fault kind is needed")]
    [InlineData("GET /x boom", "Unknown fault kind 'boom'")]
    [InlineData("GET /x status 503 504", "only one bare value (the statusCode)")]
    [InlineData("GET /x close now", "'close' takes no bare value")]
    [InlineData("GET /x status 503 statusCode=504", "'statusCode' is given twice")]
    [InlineData("GET /x status retryAfter=1 retryAfter=2", "'retryAfter' is given twice")]
    [InlineData("GET /x status x0", "x1 or more")]
    [InlineData("GET /x status x2 x3", "the count is given once")]
    [InlineData("GET /x status abc", "'statusCode' must be a whole number, not 'abc'")]
    [InlineData("GET /x status 700", "between 200 and 599")]
    [InlineData("GET /x status code=500", "no argument 'code'")]
    [InlineData("GET /x error 400 errorMessage='no code'", "needs 'errorCode'")]
    [InlineData("GET /x error errorMessage='open", "quote is not closed")]
    [InlineData("GET /x oversize 10", "'bytes' must be between 42")]
    [InlineData("GET /x oversize 2TB", "'bytes' must be a whole number")]
    [InlineData("GET /x redirect location=https://api.funnelflux.pro/v1", "relative URL or an http(s) URL on loopback")]
    public void MistakesAreNamedWithTheGrammar(string text, string reason)
    {
        UsageException ex = Assert.Throws<UsageException>(() => FaultSpec.Parse(text));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains(FaultSpec.Grammar, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"--fault \"{text}\": ", ex.Message, StringComparison.Ordinal);
    }
}
