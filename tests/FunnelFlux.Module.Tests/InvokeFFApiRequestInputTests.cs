using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// What Invoke-FFApiRequest refuses before sending (every kind of escaping -Path, bad bodies,
/// queries and asset IDs: each an InvalidArgument error with zero requests on the wire), and how
/// the bodies it accepts arrive at the server.
/// </summary>
public sealed class InvokeFFApiRequestInputTests : IClassFixture<EmulatorShellFixture>
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public InvokeFFApiRequestInputTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    private string Authority => _server.BaseUri.GetLeftPart(UriPartial.Authority);

    private ErrorRecord RefusedWithNothingSent(ScriptResult result, string errorId)
    {
        var error = Assert.Single(result.AllErrors);
        Assert.Equal(errorId + ",FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("othing was sent", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(_server.Requests);
        return error;
    }

    [Theory]
    [InlineData("GET", "https://evil.example.com/v1/billing/domains", "evil.example.com")]
    [InlineData("POST", "http://evil.example.com/v1/billing/domains", "evil.example.com")]
    [InlineData("GET", "http://127.0.0.1.evil.example.com/v1/billing/domains", "not to the API's host")]
    [InlineData("GET", "https://{host}/v1/billing/domains", "https")]
    [InlineData("GET", "http://127.0.0.1:1/v1/billing/domains", "port 1")]
    [InlineData("GET", "{scheme}://user@{host}/v1/billing/domains", "user info")]
    [InlineData("DELETE", "{scheme}://{host}@evil.example.com/v1/billing/domains/x.example.com", "user info")]
    [InlineData("GET", "//evil.example.com/v1/billing/domains", "another host")]
    [InlineData("GET", "\\\\evil.example.com\\v1", "backslash")]
    [InlineData("GET", "billing\\domains", "backslash")]
    [InlineData("GET", "ftp://evil.example.com/x", "ftp")]
    [InlineData("GET", "file:///etc/passwd", "file")]
    [InlineData("GET", "../billing/domains", "'..'")]
    [InlineData("GET", "billing/../../admin", "'..'")]
    [InlineData("DELETE", "billing/domains/%2e%2e/%2e%2e/admin", "decodes to '..'")]
    [InlineData("GET", "billing/%252e%252e/admin", "decodes to '..'")]
    [InlineData("GET", "billing%2f..%2fadmin", "encoded separator")]
    [InlineData("GET", "billing/domains%5c..", "encoded separator")]
    [InlineData("GET", "{authority}/v2/billing/domains", "not under the API URI's path")]
    [InlineData("GET", "{authority}/v1/../admin", "'..'")]
    [InlineData("GET", "billing/domains\r\nX-Injected: 1", "control character U+000D")]
    [InlineData("GET", "billing/domains%0d%0aX-Injected:%201", "control character U+000D")]
    [InlineData("GET", "billing/domains#top", "fragment")]
    [InlineData("GET", "billing/domains?limit=5", "-Query")]
    [InlineData("GET", "billing/%zz", "does not start an escape")]
    [InlineData("GET", "billing//domains", "empty segment")]
    [InlineData("POST", "auth/validate", "Connect-FFAccount")]
    [InlineData("GET", "", "empty")]
    public void AnEscapingPathIsRefusedWithZeroRequests(string method, string template, string expected)
    {
        string path = template
            .Replace("{authority}", Authority)
            .Replace("{scheme}", _server.BaseUri.Scheme)
            .Replace("{host}", _server.BaseUri.Authority);

        var result = Run("Invoke-FFApiRequest $args[0] $args[1] -Body $args[2] -Force", method, path, method == "GET" ? null : "{}");

        var error = RefusedWithNothingSent(result, "InvalidApiPath");
        Assert.Contains(expected, error.Exception.Message);
        Assert.Equal(path, error.TargetObject);
    }

    [Fact]
    public void ARefusedPathIsReportedEvenUnderWhatIf()
    {
        var result = Run("Invoke-FFApiRequest DELETE https://evil.example.com/v1/x -WhatIf");

        RefusedWithNothingSent(result, "InvalidApiPath");
        Assert.DoesNotContain("What if:", result.HostText);
    }

    [Fact]
    public void ADeepBodyArrivesWhole()
    {
        // ConvertTo-Json would cut this off at depth 2 without a word.
        var result = Run("$b = @{ v = 'leaf' }; 1..1000 | ForEach-Object { $b = @{ n = $b } }; Invoke-FFApiRequest POST billing/nothing -Body $b -SkipHttpErrorCheck | Out-Null");

        Assert.Empty(result.AllErrors);
        string expected = string.Concat(Enumerable.Repeat("{\"n\":", 1000)) + "{\"v\":\"leaf\"}" + new string('}', 1000);
        Assert.Equal(expected, Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public void OrderedAndCustomObjectsKeepTheirOrderAndValuesAreWrittenAsDocumented()
    {
        var result = Run(@"
            $body = [ordered]@{
                z = [pscustomobject]@{ b = 1; a = 2 }
                list = @(1, 'two', $true, $null, @())
                big = [bigint]::Parse('123456789012345678901234567890')
                cost = [decimal]::Parse('1.50', [cultureinfo]::InvariantCulture)
                ratio = 0.1
                single = [float]1.1
                utc = [datetime]::new(2026, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
                offset = [datetimeoffset]::new(2026, 1, 1, 0, 0, 0, [timespan]::FromHours(2))
                unspecified = [datetime]::new(2026, 1, 1)
                day = [DayOfWeek]::Friday
                span = [timespan]::FromMinutes(90)
                id = [guid]'0f8fad5b-d9cb-469f-a165-70867728950e'
                letter = [char]'x'
                text = 'caf' + [char]0xE9 + ' ""q"" <t>'
            }
            Invoke-FFApiRequest POST billing/nothing -Body $body -SkipHttpErrorCheck | Out-Null");

        Assert.Empty(result.AllErrors);
        Assert.Equal(
            "{\"z\":{\"b\":1,\"a\":2},\"list\":[1,\"two\",true,null,[]],\"big\":123456789012345678901234567890,\"cost\":1.50,\"ratio\":0.1,\"single\":1.1," +
            "\"utc\":\"2026-01-01T00:00:00.0000000Z\",\"offset\":\"2026-01-01T00:00:00.0000000+02:00\",\"unspecified\":\"2026-01-01T00:00:00.0000000\"," +
            "\"day\":\"Friday\",\"span\":\"01:30:00\",\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"letter\":\"x\",\"text\":\"caf\u00e9 \\\"q\\\" <t>\"}",
            Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public void AnArrayBodyIsSentAsAJsonArray()
    {
        var result = Run("Invoke-FFApiRequest POST billing/nothing -Body @(@{ a = 1 }, 'x') -SkipHttpErrorCheck | Out-Null; Invoke-FFApiRequest POST billing/nothing -Body @() -SkipHttpErrorCheck | Out-Null");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "[{\"a\":1},\"x\"]", "[]" }, _server.Requests.Select(r => r.Body));
    }

    [Fact]
    public void AJsonStringIsSentExactlyAsWritten()
    {
        const string text = "{ \"domain\" : \"text.example.com\" }\n";

        var result = Run("Invoke-FFApiRequest POST billing/domains -Body $args[0]", text);

        Assert.Empty(result.AllErrors);
        Assert.Equal(text, Assert.Single(_server.Requests).Body);
        Assert.Single(_server.DomainsOf(_server.DemoAccount));
    }

    [Theory]
    [InlineData("{\"domain\": ", "line 1")]
    [InlineData("{\n  \"domain\": \"x.example.com\",\n}", "line 3")]
    [InlineData("domain=x.example.com", "not valid JSON")]
    [InlineData("", "empty string")]
    public void AStringThatIsNotJsonIsRefusedSayingWhere(string text, string expected)
    {
        var result = Run("Invoke-FFApiRequest POST billing/domains -Body $args[0]", text);

        var error = RefusedWithNothingSent(result, "InvalidJsonBody");
        Assert.Contains(expected, error.Exception.Message);
    }

    [Fact]
    public void ABodyThatContainsItselfIsRefusedNamingWhere()
    {
        var hashtable = Run("$h = @{ name = 'x'; child = @{} }; $h.child.parent = $h; Invoke-FFApiRequest POST billing/domains -Body $h");
        var error = RefusedWithNothingSent(hashtable, "InvalidJsonBody");
        Assert.Contains("$.child.parent", error.Exception.Message);
        Assert.Contains("cycle", error.Exception.Message);

        var custom = Run("$o = [pscustomobject]@{ name = 'x' }; $o.PSObject.Properties.Add([psnoteproperty]::new('self', @($o))); Invoke-FFApiRequest POST billing/domains -Body $o");
        Assert.Contains("$.self[0]", RefusedWithNothingSent(custom, "InvalidJsonBody").Exception.Message);
    }

    [Fact]
    public void TheSameObjectTwiceIsNoCycle()
    {
        var result = Run("$shared = @{ v = 1 }; Invoke-FFApiRequest POST billing/nothing -Body ([ordered]@{ a = $shared; b = $shared }) -SkipHttpErrorCheck | Out-Null");

        Assert.Empty(result.AllErrors);
        Assert.Equal("{\"a\":{\"v\":1},\"b\":{\"v\":1}}", Assert.Single(_server.Requests).Body);
    }

    [Theory]
    [InlineData("@{ password = [System.Security.SecureString]::new() }", "SecureString at $.password")]
    [InlineData("@{ who = [pscredential]::new('u', [System.Security.SecureString]::new()) }", "PSCredential at $.who")]
    [InlineData("@{ file = [System.IO.DirectoryInfo]::new($PSHOME) }", "System.IO.DirectoryInfo at $.file")]
    [InlineData("@{ run = { 'x' } }", "script block at $.run")]
    [InlineData("@{ n = [double]::NaN }", "NaN at $.n")]
    public void ValuesWithNoSureJsonFormAreRefused(string body, string expected)
    {
        var result = Run($"Invoke-FFApiRequest POST billing/domains -Body {body}");

        Assert.Contains(expected, RefusedWithNothingSent(result, "InvalidJsonBody").Exception.Message);
    }

    [Fact]
    public void AGetTakesNoBody()
    {
        var result = Run("Invoke-FFApiRequest GET billing/domains -Body @{ limit = 5 }");

        Assert.Contains("-Query", RefusedWithNothingSent(result, "BodyNotAllowed").Exception.Message);
    }

    [Theory]
    [InlineData("@{ filter = @{ a = 1 } }", "is an object")]
    [InlineData("@{ ids = @(,@(1, 2)) }", "nested list")]
    [InlineData("@{ '' = 1 }", "empty key")]
    public void AQueryValueThatIsNoScalarOrListIsRefused(string query, string expected)
    {
        var result = Run($"Invoke-FFApiRequest GET billing/domains -Query {query}");

        Assert.Contains(expected, RefusedWithNothingSent(result, "InvalidQuery").Exception.Message);
    }

    [Fact]
    public void AssetIdPropertyRefusesABodyWithAnInvalidOrMissingId()
    {
        var bad = Run("Invoke-FFApiRequest PUT reporting/update/cost/ -Body @{ funnelIDs = @('3a0HFXEabcde', 'bad-id'); trafficSourceIDs = @() } -AssetIdProperty funnelIDs, trafficSourceIDs");
        var error = RefusedWithNothingSent(bad, "InvalidAssetId");
        Assert.Contains("funnelIDs[1]: The ID has 6 character(s)", error.Exception.Message);
        Assert.Contains("New-FFAssetId", error.Exception.Message);

        _server.ClearRequests();
        var missing = Run("Invoke-FFApiRequest PUT reporting/update/cost/ -Body '{\"funnelIDs\":[]}' -AssetIdProperty trafficSourceIDs");
        Assert.Contains("trafficSourceIDs: The field is missing", RefusedWithNothingSent(missing, "InvalidAssetId").Exception.Message);

        _server.ClearRequests();
        var noBody = Run("Invoke-FFApiRequest DELETE billing/domains/x.example.com -AssetIdProperty id -Force");
        RefusedWithNothingSent(noBody, "InvalidAssetId");
    }

    [Fact]
    public void AssetIdPropertyLetsABodyWithValidIdsThrough()
    {
        var result = Run("Invoke-FFApiRequest POST billing/nothing -Body @{ funnelIDs = @(New-FFAssetId -Count 2); owner = @{ id = (New-FFAssetId) } } -AssetIdProperty funnelIDs, owner.id -SkipHttpErrorCheck | Out-Null");

        Assert.Empty(result.AllErrors);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void ANullBodySendsNoBody()
    {
        var result = Run("Invoke-FFApiRequest POST billing/domains/none.example.com/refresh -Body $null -SkipHttpErrorCheck | Out-Null");

        Assert.Empty(result.AllErrors);
        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Body);
        Assert.False(request.Headers.ContainsKey("Content-Type"));
    }

    [Fact]
    public void AssetIdPropertyChecksAKeyThatTheBodyTextGivesTwice()
    {
        // The server may read either value, so the bad second one must not hide behind a good first one.
        var result = Run("Invoke-FFApiRequest PUT reporting/update/cost/ -Body '{\"funnelId\":\"3a0HFXEabcde\",\"funnelId\":\"bad-id\"}' -AssetIdProperty funnelId");

        Assert.Contains("funnelId (occurrence 2 of 2): The ID has 6 character(s)", RefusedWithNothingSent(result, "InvalidAssetId").Exception.Message);
    }

    [Fact]
    public void AnAssetIdRefusalNamesAFewBadIdsAndCountsTheRest()
    {
        var result = Run("Invoke-FFApiRequest PUT reporting/update/cost/ -Body @{ funnelIDs = @(1..5000 | ForEach-Object { \"bad$_\" }) } -AssetIdProperty funnelIDs");

        string message = RefusedWithNothingSent(result, "InvalidAssetId").Exception.Message;
        Assert.Contains("funnelIDs[0]:", message);
        Assert.Contains("funnelIDs[4]:", message);
        Assert.DoesNotContain("funnelIDs[5]:", message);
        Assert.Contains("...and 4995 more invalid value(s)", message);
        Assert.Contains("-Detailed", message);
        Assert.True(message.Length < 2000, $"The message has {message.Length} characters.");
    }

    [Theory]
    [InlineData("([xml]'<domain><name>x.example.com</name></domain>')", "XmlDocument")]
    [InlineData("@{ settings = ([xml]'<a><b>1</b></a>').a }", "XmlElement")]
    public void XmlIsRefusedRatherThanSentAsNestedEmptyArrays(string body, string type)
    {
        var result = Run($"Invoke-FFApiRequest POST billing/nothing -Body {body}");

        string message = RefusedWithNothingSent(result, "InvalidJsonBody").Exception.Message;
        Assert.Contains($"holds XML ({type}) at $", message);
        Assert.Contains("hashtable", message);
    }

    [Fact]
    public void AnExpandoObjectIsSentAsTheObjectItHolds()
    {
        // It is no IDictionary, so before it went as a sequence and was refused at its first pair.
        var result = Run("$e = New-Object System.Dynamic.ExpandoObject; $e.name = 'x.example.com'; $e.tags = @('a', 'b'); $e.owner = [pscustomobject]@{ id = 7 }; " +
            "Invoke-FFApiRequest POST billing/nothing -Body @{ item = $e } -SkipHttpErrorCheck | Out-Null");

        Assert.Empty(result.AllErrors);
        Assert.Equal("{\"item\":{\"name\":\"x.example.com\",\"tags\":[\"a\",\"b\"],\"owner\":{\"id\":7}}}", Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public void AnExpandoObjectThatHoldsItselfIsRefusedAsACycle()
    {
        var result = Run("$e = New-Object System.Dynamic.ExpandoObject; $e.self = $e; Invoke-FFApiRequest POST billing/nothing -Body $e");

        Assert.Contains("$.self", RefusedWithNothingSent(result, "InvalidJsonBody").Exception.Message);
    }

    [Theory]
    [InlineData("[System.Text.Json.Nodes.JsonNode]::Parse('{\"a\":1}')", "System.Text.Json.Nodes.JsonObject", "$")]
    [InlineData("@{ list = [System.Text.Json.Nodes.JsonNode]::Parse('[1,2]') }", "System.Text.Json.Nodes.JsonArray", "$.list")]
    [InlineData("[System.Text.Json.JsonDocument]::Parse('{\"a\":1}').RootElement", "System.Text.Json.JsonElement", "$")]
    public void JsonParsedBySystemTextJsonIsRefusedWithItsTextAsTheWayOut(string body, string type, string path)
    {
        // Before, a JsonObject was refused at its first key-value pair, and a JsonElement with the
        // advice to build hashtables, though its JSON text is one call away.
        var result = Run($"Invoke-FFApiRequest POST billing/nothing -Body ({body})");

        string message = RefusedWithNothingSent(result, "InvalidJsonBody").Exception.Message;
        Assert.Contains($"holds a {type} at {path}.", message);
        Assert.Contains("ToJsonString()", message);
        Assert.Contains("GetRawText()", message);
    }

    [Fact]
    public void TheLinesOfAJsonFileReadByGetContentAreSentAsThatFilesText()
    {
        string file = Path.Combine(Path.GetTempPath(), $"ff-body-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "\n{\n  \"domain\": \"lines.example.com\",\n  \"tags\": [\"a\", \"b\"]\n}\n");
        try
        {
            var result = Run("Invoke-FFApiRequest POST billing/nothing -Body (Get-Content $args[0]) -SkipHttpErrorCheck -Verbose | Out-Null", file);

            Assert.Empty(result.AllErrors);
            var request = Assert.Single(_server.Requests);
            // Line for line, the empty first one included, so a mistake's line number is the file's.
            Assert.Equal("\n{\n  \"domain\": \"lines.example.com\",\n  \"tags\": [\"a\", \"b\"]\n}", request.Body);
            Assert.Contains(result.Verbose, v => v.Message.Contains("as Get-Content -Raw would have read it", StringComparison.Ordinal));

            // Lines made plain strings are what a user means by an array of strings.
            _server.ClearRequests();
            var asArray = Run("Invoke-FFApiRequest POST billing/nothing -Body ([string[]](Get-Content $args[0])) -SkipHttpErrorCheck | Out-Null", file);
            Assert.Empty(asArray.AllErrors);
            Assert.StartsWith("[\"\",\"{\",", Assert.Single(_server.Requests).Body);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AFileOfLinesThatIsNotJsonIsRefusedWithBothWaysOut()
    {
        string file = Path.Combine(Path.GetTempPath(), $"ff-ids-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "3a0HFXEabcde\n44kSarQ01234\n");
        try
        {
            var result = Run("Invoke-FFApiRequest POST billing/nothing -Body (Get-Content $args[0])", file);

            string message = RefusedWithNothingSent(result, "InvalidJsonBody").Exception.Message;
            Assert.Contains("holds the lines of " + file, message);
            Assert.Contains("[string[]](Get-Content <file>)", message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
