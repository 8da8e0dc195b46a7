using System.Diagnostics;
using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>-Wait polling, -ThrottleLimit, lost answers, and the whole admin journey end to end.</summary>
public sealed class DomainWaitAndScaleTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public DomainWaitAndScaleTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    [Fact]
    public void WaitRefreshesUntilReadyWithPolitePauses()
    {
        _server.AddDomain(_server.DemoAccount, "wait1.example.com");
        _server.AddDomain(_server.DemoAccount, "wait2.example.com");
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = Run("Invoke-FFDomainRefresh wait1.example.com, wait2.example.com -Wait");

        Assert.Empty(result.AllErrors);
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(true, o.Properties["IsReady"].Value));
        // Ready on the third refresh: three refreshes each, two pauses, waited on together.
        Assert.Equal(3, _f.Count("POST", "billing/domains/wait1.example.com/refresh"));
        Assert.Equal(3, _f.Count("POST", "billing/domains/wait2.example.com/refresh"));
        Assert.Equal(2, polling.Pauses.Count);
        Assert.Equal(TimeSpan.FromSeconds(60), polling.Pauses[0]);
        Assert.True(polling.Pauses[1] > polling.Pauses[0]);
        Assert.All(polling.Pauses, p => Assert.True(p >= TimeSpan.FromSeconds(30)));
        Assert.Contains(result.Progress, p => p.Activity.Contains("wait1.example.com") && p.StatusDescription.Contains("pending"));
        Assert.Contains(result.Progress, p => p.Activity.Contains("wait2.example.com") && p.RecordType == ProgressRecordType.Completed);
        Assert.Equal(2, result.Progress.Select(p => p.ActivityId).Distinct().Count());
    }

    [Fact]
    public void ThePausesProgressCountsDownToTheNextRefreshOnceASecond()
    {
        _server.Options.RefreshesUntilActive = 2;
        _server.AddDomain(_server.DemoAccount, "countdown.example.com");
        using var polling = ModuleState.UseSteppedPollingClock();

        var result = Run("Invoke-FFDomainRefresh countdown.example.com -Wait -IntervalSec 30");

        Assert.Empty(result.AllErrors);
        Assert.Equal(true, Assert.Single(result.Output).Properties["IsReady"].Value);
        // Still one pause of 30 s as far as polling goes; its progress is brought up to date each second.
        Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, polling.Pauses);
        Assert.Equal(30, polling.Ticks);
        var shown = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.CurrentOperation).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(s => $"Check 1; next in {s} s"), shown);
        Assert.Equal(2, _f.Count("POST", "billing/domains/countdown.example.com/refresh"));
    }

    [Fact]
    public void WaitKeepsWaitingForADomainWhoseRefreshIsRateLimited()
    {
        // Without retries, a 429 ends the refresh at once: -Wait must not give the domain up for it.
        Assert.Empty(_f.Connect(extra: "-MaxRetries 0").AllErrors);
        _server.AddDomain(_server.DemoAccount, "limited.example.com");
        _server.AddDomain(_server.DemoAccount, "free.example.com");
        _server.Faults.Add("POST", "/billing/domains/limited.example.com/refresh", Fault.Status(429, "0"));
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = Run("Invoke-FFDomainRefresh limited.example.com, free.example.com -Wait -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { "free.example.com", "limited.example.com" }, result.Output.Select(o => o.Properties["Name"].Value));
        // One refresh held back by the rate limit, then the three that make it ready.
        Assert.Equal(4, _f.Count("POST", "billing/domains/limited.example.com/refresh"));
        Assert.Equal(3, _f.Count("POST", "billing/domains/free.example.com/refresh"));
        Assert.Contains(result.Verbose, v => v.Message.Contains("limited.example.com was not refreshed; it is refreshed again", StringComparison.Ordinal));
        Assert.Contains(result.Progress, p => p.StatusDescription.Contains("rate limiting", StringComparison.Ordinal));
    }

    [Fact]
    public void ADomainThatTheRateLimitKeptFromEveryRefreshEndsWithTheRateLimitError()
    {
        Assert.Empty(_f.Connect(extra: "-MaxRetries 0").AllErrors);
        _server.AddDomain(_server.DemoAccount, "held.example.com");
        _server.Faults.Add("POST", "/billing/domains/held.example.com/refresh", Fault.Status(429, "0"), times: 100);
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = Run("Invoke-FFDomainRefresh held.example.com -Wait -Timeout 120 -Interval 60");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal("held.example.com", error.TargetObject);
        // Refreshed at 0, 60 and 120 s: the rate limit never let one through.
        Assert.Equal(3, _f.Count("POST", "billing/domains/held.example.com/refresh"));
    }

    [Fact]
    public void WaitTimesOutWithAnExplanation()
    {
        _server.Options.RefreshesUntilActive = 1000;
        _server.AddDomain(_server.DemoAccount, "slow.example.com");
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = Run("Invoke-FFDomainRefresh slow.example.com -Wait -Timeout 300 -Interval 60");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Null(result.Exception);
        Assert.Equal("DomainNotReady,FunnelFlux.Commands.InvokeFFDomainRefreshCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal("slow.example.com", error.TargetObject);
        Assert.Contains("pending", error.Exception.Message);
        Assert.Contains("DNS records", error.Exception.Message);
        Assert.Contains("DnsRecords", error.ErrorDetails.RecommendedAction);
        Assert.Equal(TimeSpan.FromSeconds(300), polling.Pauses.Aggregate(TimeSpan.Zero, (a, b) => a + b));
        Assert.All(polling.Pauses, p => Assert.True(p >= TimeSpan.FromSeconds(30), $"paused only {p}"));
    }

    [Fact]
    public void TheLastPauseIsNeverShorterThanThirtySeconds()
    {
        _server.Options.RefreshesUntilActive = 1000;
        _server.AddDomain(_server.DemoAccount, "edge.example.com");
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = Run("Invoke-FFDomainRefresh edge.example.com -Wait -Timeout 45 -Interval 30");

        Assert.Equal(ErrorCategory.OperationTimeout, Assert.Single(result.Errors).CategoryInfo.Category);
        // Refresh at 0 s; a 30 s pause would leave 15 s, too little for another polite pause, so
        // the pause runs to the timeout and the last refresh is made at 45 s.
        Assert.Equal(new[] { TimeSpan.FromSeconds(45) }, polling.Pauses);
        Assert.Equal(2, _f.Count("POST", "billing/domains/edge.example.com/refresh"));
    }

    [Fact]
    public void WaitWithInterval30AndTimeout40WaitsUntilTheTimeout()
    {
        _server.Options.RefreshesUntilActive = 1000;
        _server.AddDomain(_server.DemoAccount, "forty.example.com");
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = Run("Invoke-FFDomainRefresh forty.example.com -Wait -Interval 30 -Timeout 40");

        var error = Assert.Single(result.Errors);
        Assert.Equal("DomainNotReady,FunnelFlux.Commands.InvokeFFDomainRefreshCommand", error.FullyQualifiedErrorId);
        Assert.Equal(new[] { TimeSpan.FromSeconds(40) }, polling.Pauses);
        Assert.Equal(2, _f.Count("POST", "billing/domains/forty.example.com/refresh"));
        Assert.Contains("forty.example.com was not ready after 40 s:", error.Exception.Message);
        Assert.DoesNotContain("minute(s)", error.Exception.Message);
        // The emulator's verification error ends with a full stop of its own ("re-check.").
        Assert.Contains("Cloudflare reports:", error.Exception.Message);
        Assert.DoesNotContain("..", error.Exception.Message);
        Assert.Contains("re-check. This usually means", error.Exception.Message);
    }

    [Theory]
    [InlineData(40, "40 s")]
    [InlineData(150, "2 min 30 s")]
    [InlineData(1800, "30 min")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(7200, "2 h")]
    public void NotReadySaysHowLongItWaitedAsAPersonWould(int seconds, string expected)
    {
        _server.Options.RefreshesUntilActive = 1000;
        _server.AddDomain(_server.DemoAccount, "long.example.com");
        using var polling = ModuleState.UseVirtualPollingClock();

        var result = Run($"Invoke-FFDomainRefresh long.example.com -Wait -IntervalSec 30 -TimeoutSec {seconds}");

        Assert.Contains($"was not ready after {expected}:", Assert.Single(result.Errors).Exception.Message);
        Assert.Equal(TimeSpan.FromSeconds(seconds), polling.Pauses.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Theory]
    [InlineData("-Interval 10", "IntervalTooShort")]
    [InlineData("-Interval '00:00:29'", "IntervalTooShort")]
    [InlineData("-Timeout 0", "TimeoutNotPositive")]
    public void WaitRefusesImpoliteSettingsBeforeAnyRequest(string setting, string errorId)
    {
        var result = Run($"Invoke-FFDomainRefresh any.example.com -Wait {setting}");

        Assert.Equal(errorId + ",FunnelFlux.Commands.InvokeFFDomainRefreshCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void CtrlCDuringWaitReturnsWithinASecond()
    {
        _server.Options.RefreshesUntilActive = 1000;
        _server.AddDomain(_server.DemoAccount, "stop.example.com");
        var watch = new Stopwatch();

        var result = _f.Shell.Run("Invoke-FFDomainRefresh stop.example.com -Wait -Interval 30", ps =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (_f.Count("POST", "billing/domains/stop.example.com/refresh") == 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
            Thread.Sleep(100);
            watch.Start();
            ps.Stop();
            watch.Stop();
        });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
        Assert.IsType<PipelineStoppedException>(result.Exception);
        Assert.Equal(1, _f.Count("POST", "billing/domains/stop.example.com/refresh"));
    }

    [Fact]
    public void ThrottleLimitEightOverFortyDomainsKeepsEightInFlight()
    {
        var names = Enumerable.Range(1, 40).Select(i => $"bulk{i}.example.com").ToArray();
        _server.Options.RequestDelay = TimeSpan.FromMilliseconds(60);
        _server.ResetConcurrency();

        var created = Run("$args[0] | New-FFDomain -ThrottleLimit 8", (object)names);
        int createPeak = _server.MaxConcurrentRequests;
        _server.ResetConcurrency();
        var tested = Run("$args[0] | Test-FFDomain -ThrottleLimit 8 -Quiet", (object)names);
        int testPeak = _server.MaxConcurrentRequests;

        Assert.Empty(created.AllErrors);
        Assert.Equal(names.Order(), created.Output.Select(o => (string)o.Properties["Name"].Value).Order());
        Assert.Equal(40, _server.DomainsOf(_server.DemoAccount).Count);
        Assert.Equal(40, tested.Output.Count);
        Assert.InRange(createPeak, 2, 8);
        Assert.InRange(testPeak, 2, 8);
    }

    // Under -ErrorAction Stop the first error ends the pipeline. Requests already in flight have
    // been sent and may have added or removed a domain: each must be reported before the error.
    // The script's first line is the error that stopped it, then the names that were written.
    private List<string> RunUntilStop(string command, string[] names) =>
        Run("$got = [System.Collections.Generic.List[string]]::new(); " +
            $"try {{ $args[0] | {command} -ErrorAction Stop | ForEach-Object {{ $got.Add($_.Name) }} }} " +
            "catch { 'stopped: ' + $_.FullyQualifiedErrorId }; $got", (object)names)
        .Output.Select(o => o.BaseObject.ToString()!).ToList();

    [Fact]
    public void UnderErrorActionStopDomainsAddedInFlightAreStillReported()
    {
        _server.AddDomain(_server.DemoAccount, "taken.example.com");
        // The first create is still in flight when the second one's DOMAIN_EXISTS comes back.
        _server.Faults.Add("POST", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(2)));
        var names = new[] { "q1.example.com", "taken.example.com", "q3.example.com", "q4.example.com" };

        var lines = RunUntilStop("New-FFDomain -ThrottleLimit 4", names);
        Assert.Equal("stopped: DOMAIN_EXISTS,FunnelFlux.Commands.NewFFDomainCommand", lines[0]);
        Assert.Equal(new[] { "q1.example.com", "q3.example.com", "q4.example.com" }, lines.Skip(1).Order());
        Assert.Equal(4, _server.DomainsOf(_server.DemoAccount).Count);
        Assert.Equal(4, _f.Count("POST", "billing/domains"));
    }

    [Fact]
    public void UnderErrorActionStopDomainsRemovedInFlightAreStillReported()
    {
        foreach (var name in new[] { "r1.example.com", "r3.example.com", "r4.example.com" })
        {
            _server.AddDomain(_server.DemoAccount, name);
        }
        _server.Faults.Add("DELETE", "/billing/domains/r1.example.com", Fault.Delay(TimeSpan.FromSeconds(2)));
        var names = new[] { "r1.example.com", "missing.example.com", "r3.example.com", "r4.example.com" };

        var lines = RunUntilStop("Remove-FFDomain -Force -PassThru -ThrottleLimit 4", names);
        Assert.Equal("stopped: NOT_FOUND,FunnelFlux.Commands.RemoveFFDomainCommand", lines[0]);
        Assert.Equal(new[] { "r1.example.com", "r3.example.com", "r4.example.com" }, lines.Skip(1).Order());
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void UnderErrorActionStopABadNameWaitsForTheRequestsInFlight()
    {
        _server.Faults.Add("POST", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(1)));
        var names = new[] { "b1.example.com", "b2.example.com", "not a domain" };

        var lines = RunUntilStop("New-FFDomain -ThrottleLimit 4", names);
        Assert.Equal("stopped: InvalidDomainName,FunnelFlux.Commands.NewFFDomainCommand", lines[0]);
        Assert.Equal(new[] { "b1.example.com", "b2.example.com" }, lines.Skip(1).Order());
        Assert.Equal(2, _f.Count("POST", "billing/domains"));
    }

    [Fact]
    public void ByDefaultRequestsAreSerial()
    {
        var names = Enumerable.Range(1, 6).Select(i => $"serial{i}.example.com").ToArray();
        _server.Options.RequestDelay = TimeSpan.FromMilliseconds(30);
        _server.ResetConcurrency();

        var created = Run("$args[0] | New-FFDomain", (object)names);

        Assert.Equal(names, created.Output.Select(o => (string)o.Properties["Name"].Value));
        Assert.Equal(1, _server.MaxConcurrentRequests);
    }

    [Fact]
    public void ACreateWhoseAnswerIsLostIsReadBackNotRepeated()
    {
        _server.Faults.Add("POST", "/billing/domains", Fault.Status(503) with { AfterAction = true });

        var result = Run("New-FFDomain lost.example.com -Verbose");

        Assert.Empty(result.AllErrors);
        var domain = Assert.Single(result.Output);
        Assert.Equal("lost.example.com", domain.Properties["Name"].Value);
        Assert.Equal(1, _f.Count("POST", "billing/domains"));
        Assert.Equal(1, _f.Count("GET", "billing/domains/lost.example.com"));
        Assert.Contains(result.Verbose, v => v.Message.Contains("reading the domain back"));
    }

    [Fact]
    public void ACreateThatFailedBeforeActingSaysItIsSafeToRetry()
    {
        _server.Faults.Add("POST", "/billing/domains", Fault.Status(503));

        var result = Run("New-FFDomain notmade.example.com");

        var error = Assert.Single(result.Errors);
        Assert.Equal("DomainNotAdded,FunnelFlux.Commands.NewFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("safe to run New-FFDomain", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, _f.Count("POST", "billing/domains"));
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void TruncatedJsonIsAnInvalidResultNamingTheStatus()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.TruncatedJson(), times: 5);

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidResponse,FunnelFlux.Commands.GetFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("200", error.Exception.Message);
        Assert.Contains("not the JSON expected", error.Exception.Message);
        // A 200 means the server answered; a garbled answer is reported, not fetched again.
        Assert.Equal(1, _server.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/billing/domains"));
    }

    [Fact]
    public void RateLimitingThatOutlastsTheRetriesIsLimitsExceeded()
    {
        _server.Faults.Add("POST", "/billing/domains/check", Fault.Status(429, "0"), times: 20);

        var result = Run("Test-FFDomain limited.example.com");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal("limited.example.com", error.TargetObject);
        Assert.Contains("Wait", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void TheAdminJourneyRunsWithoutErrors()
    {
        using var polling = ModuleState.UseVirtualPollingClock();
        _f.Shell.Run("Disconnect-FFAccount");

        var result = _f.Shell.Run(@"
            Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2]
            $added = New-FFDomain journey.example.com
            $listed = Get-FFDomain | Where-Object Name -eq 'journey.example.com'
            $records = (Get-FFDomain journey.example.com).DnsRecords
            $check = Test-FFDomain journey.example.com
            $ready = Invoke-FFDomainRefresh journey.example.com -Wait
            Remove-FFDomain journey.example.com -Force
            [pscustomobject]@{ Added = $added; Listed = $listed; Records = $records; Check = $check; Ready = $ready; Left = @(Get-FFDomain).Count }",
            EmulatorShellFixture.Secure(_server.DemoAccount.AccessToken), EmulatorShellFixture.Secure(_server.DemoAccount.RefreshToken), _server.BaseUri);

        Assert.Null(result.Exception);
        Assert.Empty(result.Errors);
        var summary = Assert.Single(result.Output);
        Assert.NotNull(summary.Properties["Listed"].Value);
        var records = ((System.Collections.IEnumerable)summary.Properties["Records"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("TXT", r.Properties["Type"].Value));
        Assert.Equal(false, PSObject.AsPSObject(summary.Properties["Check"].Value).Properties["Found"].Value);
        Assert.Equal(true, PSObject.AsPSObject(summary.Properties["Ready"].Value).Properties["IsReady"].Value);
        Assert.Equal(0, summary.Properties["Left"].Value);
    }

    [Fact]
    public void CompletionOnAHungApiReturnsQuicklyWithNothing()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        var result = Run("(TabExpansion2 -inputScript 'Get-FFDomain -Domain hu' -cursorColumn 23).CompletionMatches.CompletionText");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"completion took {watch.Elapsed}");
        Assert.Empty(result.AllErrors);
        Assert.DoesNotContain(result.Output, o => o?.BaseObject is string s && s.StartsWith("hu", StringComparison.Ordinal) && s.EndsWith(".com", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _server.Faults.Clear();
        _server.Options.RequestDelay = TimeSpan.Zero;
        _server.Options.RefreshesUntilActive = 3;
    }
}
