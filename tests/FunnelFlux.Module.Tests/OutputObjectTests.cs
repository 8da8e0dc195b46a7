using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// What a user sees is what they can filter on, export and convert: view labels are property
/// names, the objects carry no plumbing, a CSV is readable, and unknown API fields stay reachable.
/// The 80-column rendering in a real console is in tests/Pester/ConsoleHost.Tests.ps1.
/// </summary>
public sealed class OutputObjectTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private static readonly string[] Plumbing = { "AdditionalProperties", "IsDetailed", "CreatedAtText" };

    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public OutputObjectTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    public static TheoryData<string> EveryOutputObject => new()
    {
        "Get-FFDomain",
        "Get-FFDomain shown.example.com",
        "Invoke-FFDomainRefresh shown.example.com",
        "Test-FFDomain shown.example.com",
        "(Get-FFDomain shown.example.com).DnsRecords",
        "Get-FFContext",
        "Test-FFAssetId 3a0HFXEabcde -Detailed",
    };

    [Theory]
    [MemberData(nameof(EveryOutputObject))]
    public void PlumbingIsNotInSelectFormatListJsonOrCsv(string command)
    {
        _server.AddDomain(_server.DemoAccount, "shown.example.com");

        var result = Run($@"
            $objects = @({command})
            [pscustomobject]@{{
                Count = $objects.Count
                Names = @($objects | Select-Object -Property * | ForEach-Object {{ $_.PSObject.Properties.Name }})
                List = $objects | Format-List -Property * | Out-String -Width 200
                Json = $objects | ConvertTo-Json -Depth 4
                Csv = ($objects | ConvertTo-Csv) -join ""`n""
            }}");

        Assert.Empty(result.AllErrors);
        var seen = Assert.Single(result.Output);
        Assert.NotEqual(0, (int)seen.Properties["Count"].Value);
        var names = ((IEnumerable)seen.Properties["Names"].Value).Cast<object>().Select(n => n.ToString()).ToList();
        Assert.NotEmpty(names);
        foreach (string plumbing in Plumbing)
        {
            Assert.DoesNotContain(plumbing, names);
            foreach (string text in new[] { "List", "Json", "Csv" })
            {
                Assert.DoesNotContain(plumbing, seen.Properties[text].Value?.ToString() ?? "");
            }
        }
    }

    [Fact]
    public void ACsvShowsDnsRecordsAndVerificationErrorsAsText()
    {
        Run("New-FFDomain csv.example.com");
        string path = Path.Combine(Path.GetTempPath(), $"ff-export-{Guid.NewGuid():N}.csv");
        try
        {
            var result = Run("Get-FFDomain csv.example.com | Export-Csv -LiteralPath $args[0]; Import-Csv -LiteralPath $args[0]", path);

            Assert.Empty(result.AllErrors);
            var row = Assert.Single(result.Output);
            string records = (string)row.Properties["DnsRecords"].Value;
            Assert.Matches(@"^TXT _acme-challenge\.csv\.example\.com \S+; TXT _cf-custom-hostname\.csv\.example\.com \S+$", records);
            Assert.Contains("Ownership not verified yet", (string)row.Properties["VerificationErrors"].Value);
            string file = File.ReadAllText(path);
            Assert.DoesNotContain("FunnelFlux.", file);
            Assert.DoesNotContain("System.", file);
            Assert.DoesNotContain("[]", file);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ListsStillActLikeArrays()
    {
        Run("New-FFDomain arrays.example.com");

        var result = Run(@"
            $d = Get-FFDomain arrays.example.com
            $d.DnsRecords.Count; $d.DnsRecords.Length; $d.DnsRecords[0].Type; @($d.DnsRecords | Where-Object Name -like '_acme*').Count
            $d.VerificationErrors.Length; ($d.DnsRecords.Name -join ',')");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { 2, 2, "TXT", 1, 1, "_acme-challenge.arrays.example.com,_cf-custom-hostname.arrays.example.com" },
            result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void WhatAViewShowsIsWhatWhereObjectFilters()
    {
        _server.AddDomain(_server.DemoAccount, "pending.example.com");
        _server.AddDomain(_server.DemoAccount, "active.example.com", active: true);

        var result = Run(@"
            (Get-FFDomain | Where-Object SslStatus -eq pending_validation).Name
            (Get-FFDomain | Where-Object IsReady).Name
            @(Get-FFDomain | Where-Object CreatedAt -lt (Get-Date).AddDays(1)).Count
            @(Get-FFContext | Where-Object HasRefreshToken).Count
            @(Get-FFContext | Where-Object AccessTokenExpiresAt -gt (Get-Date)).Count
            @(Test-FFDomain active.example.com, pending.example.com | Where-Object HttpStatus -eq 200).Count");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { "pending.example.com", "active.example.com", 2, 1, 1, 1 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void EveryViewLabelIsAPropertyOfItsType()
    {
        var document = XDocument.Load(Path.Combine(ModulePaths.ModuleFolder, "FunnelFlux.Format.ps1xml"));
        var problems = new List<string>();
        int labels = 0;
        foreach (XElement view in document.Descendants("View"))
        {
            string typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
            var type = (Type)Run($"[{typeName}]").Output.Single().BaseObject;
            var headers = view.Descendants("TableColumnHeader").Select(h => (string?)h.Element("Label"))
                .Concat(view.Descendants("ListItem").Select(i => (string?)i.Element("Label") ?? (string?)i.Element("PropertyName")));
            foreach (string? label in headers)
            {
                labels++;
                if (label is null || type.GetProperty(label, BindingFlags.Public | BindingFlags.Instance) is null)
                {
                    problems.Add($"{view.Element("Name")!.Value}: '{label}' is not a property of {typeName}");
                }
            }
        }
        Assert.True(labels > 30, $"only {labels} labels found");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ATableWrapsAStatusOrNameLongerThanItsColumnInsteadOfCuttingIt()
    {
        // Statuses FunnelFlux may add (API.md: never fail on an unknown value), on a 68-character name.
        const string name = "autumn-campaign-2027-landing-pages.tracking.some-brand.example.com";
        _server.AddDomain(_server.DemoAccount, name);
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body:
            $$"""{"success":true,"domains":[{"id":"1","domain":"{{name}}","cloudflare_id":"c1","status":"pending_deletion","ssl_status":"validation_timed_out","verification_errors":[],"created_at":"2026-12-01T10:00:00Z"}]}"""));

        var result = Run("Get-FFDomain | Out-String -Width 80; Test-FFDomain $args[0] | Out-String -Width 80", name);

        Assert.Empty(result.AllErrors);
        string domains = (string)result.Output[0].BaseObject;
        string check = (string)result.Output[1].BaseObject;
        foreach (string table in new[] { domains, check })
        {
            Assert.DoesNotContain("…", table);
            Assert.All(Lines(table), line => Assert.True(line.Length <= 80, $"'{line}' is wider than 80 columns"));
        }
        Assert.Equal("pending_deletion", Column(domains, "Status", "SslStatus"));
        Assert.Equal("validation_timed_out", Column(domains, "SslStatus", "IsReady"));
        Assert.Equal(name, Column(domains, "Name", null));
        Assert.Equal(name, Column(check, "Domain", null));
    }

    [Fact]
    public void TheDomainListViewShowsItsIdsAndEachDnsRecordValueOnALineOfItsOwn()
    {
        var result = Run(@"
            $created = New-FFDomain listview.example.com
            $created | Format-List | Out-String -Width 80
            $detailed = Get-FFDomain listview.example.com
            $detailed | Format-List | Out-String -Width 80
            Get-FFDomain | Where-Object Name -EQ listview.example.com | Format-List | Out-String -Width 80
            $detailed");

        Assert.Empty(result.AllErrors);
        string afterCreate = (string)result.Output[0].BaseObject;
        string details = (string)result.Output[1].BaseObject;
        string listed = (string)result.Output[2].BaseObject;
        PSObject domain = result.Output[3];

        Assert.Matches(@"(?m)^Message\s+: \S", afterCreate);
        Assert.Matches($@"(?m)^Id\s+: {domain.Properties["Id"].Value}\s*$", details);
        Assert.Matches($@"(?m)^CloudflareId\s+: {domain.Properties["CloudflareId"].Value}\s*$", details);
        Assert.Matches(@"(?m)^Subdomain\s+: listview\s*$", details);
        Assert.Matches(@"(?m)^RootDomain\s+: example\.com\s*$", details);
        var records = ((IEnumerable)domain.Properties["DnsRecords"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        Assert.Equal(2, records.Count);
        foreach (PSObject record in records)
        {
            // The type and name on one line, the value whole on the next, as the user copies it.
            Assert.Matches(
                $@"(?m){Regex.Escape($"{record.Properties["Type"].Value} {record.Properties["Name"].Value}")}\s*\r?\n\s+{Regex.Escape((string)record.Properties["Value"].Value)}\s*$",
                details);
        }
        Assert.All(Lines(details), line => Assert.True(line.Length <= 80, $"'{line}' is wider than 80 columns"));
        // Nothing to show, no line: no check came with a details answer, no message, and the list has no parsed parts.
        Assert.DoesNotMatch(@"(?m)^(LastCheck|Message)\s+:", details);
        Assert.Matches(@"(?m)^Id\s+: \S", listed);
        Assert.DoesNotMatch(@"(?m)^(Subdomain|RootDomain)\s+:", listed);
    }

    [Fact]
    public void AnAssetIdsListViewShowsItsTimestampAsItsTableDoes()
    {
        var result = Run("Test-FFAssetId 3a0HFXEabcde -Detailed | Format-List | Out-String -Width 80");

        Assert.Empty(result.AllErrors);
        Assert.Matches(@"(?m)^Timestamp\s+: 2026-01-01 00:00:00\.000Z\s*$", (string)result.Output.Single().BaseObject);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0);

    /// <summary>One column of a table as Out-String drew it: its part of every row, joined.</summary>
    private static string Column(string table, string header, string? nextHeader)
    {
        var lines = Lines(table).ToList();
        string headers = lines[0];
        int start = Regex.Match(headers, $@"(?<!\S){header}(?!\S)").Index;
        int end = nextHeader is null ? int.MaxValue : Regex.Match(headers, $@"(?<!\S){nextHeader}(?!\S)").Index;
        return string.Concat(lines.Skip(2).Select(line =>
            line.Length <= start ? string.Empty : line[start..Math.Min(end, line.Length)].Trim()));
    }

    [Fact]
    public void AnUnreachedDomainShowsNoHttpStatus()
    {
        _server.AddDomain(_server.DemoAccount, "unreached.example.com");

        var result = Run(@"
            $check = Test-FFDomain unreached.example.com
            $check.HttpStatus
            $check | Out-String -Width 80
            $check | Format-List | Out-String -Width 80
            Invoke-FFDomainRefresh unreached.example.com | Format-List | Out-String -Width 80");

        Assert.Empty(result.AllErrors);
        Assert.Equal(0, result.Output[0].BaseObject);
        string table = (string)result.Output[1].BaseObject;
        Assert.Matches(@"(?m)^False\s+False\s+False\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+unreached\.example\.com", table);
        Assert.DoesNotMatch(@"HttpStatus\s*:\s*0", (string)result.Output[2].BaseObject);
        Assert.Matches(@"HttpStatus\s*:\s*\r?\n", (string)result.Output[2].BaseObject);
        string refreshed = (string)result.Output[3].BaseObject;
        Assert.Contains("not found, SSL not valid", refreshed);
        Assert.DoesNotContain("HTTP 0", refreshed);
    }

    [Fact]
    public void UnknownApiFieldsAreReachableThroughAMethod()
    {
        _server.AddDomain(_server.DemoAccount, "fields.example.com");

        var members = Run(@"
            (Get-FFDomain fields.example.com | Get-Member -MemberType Method -Name GetAdditionalProperties).Name
            (Test-FFDomain fields.example.com | Get-Member -MemberType Method -Name GetAdditionalProperties).Name
            (Get-FFDomain fields.example.com).GetAdditionalProperties().Count");
        Assert.Empty(members.AllErrors);
        Assert.Equal(new object[] { "GetAdditionalProperties", "GetAdditionalProperties", 0 }, members.Output.Select(o => o.BaseObject));

        // A domain as the core builds it from an answer with an unknown field and an unreadable time.
        var domainType = (Type)Run("[FunnelFlux.Domain]").Output.Single().BaseObject;
        var domain = Activator.CreateInstance(domainType, BindingFlags.Instance | BindingFlags.NonPublic, null, new object[] { "fields.example.com" }, null)!;
        domainType.GetProperty("AdditionalProperties", BindingFlags.Instance | BindingFlags.NonPublic)!
            .SetValue(domain, new Dictionary<string, string> { ["tier"] = "3", ["ssl.method"] = "\"txt\"" });
        domainType.GetProperty("CreatedAtText", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(domain, "last \"Tuesday\"");
        _f.Shell.SetVariable("unknown", domain);

        var fields = Run("$unknown.GetAdditionalProperties()['tier']; $unknown.GetAdditionalProperties()['ssl.method']; $unknown.GetAdditionalProperties()['created_at']; ($unknown | ConvertTo-Json) -match 'tier|Tuesday'");

        Assert.Empty(fields.AllErrors);
        Assert.Equal(new object[] { "3", "\"txt\"", "\"last \\\"Tuesday\\\"\"", false }, fields.Output.Select(o => o.BaseObject));
    }

    public void Dispose() => _server.Faults.Clear();
}
