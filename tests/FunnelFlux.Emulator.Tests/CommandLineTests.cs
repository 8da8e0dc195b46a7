using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class CommandLineTests
{
    private static EmulatorSettings Parse(params string[] args) => CommandLine.Parse(args);

    [Fact]
    public void NoArgumentsMeansTheDefaults()
    {
        EmulatorSettings s = Parse();

        Assert.False(s.Help);
        Assert.Null(s.Urls);
        Assert.Null(s.Port);
        Assert.Null(s.AccessTokenLifetime);
        Assert.Null(s.RefreshesUntilActive);
        Assert.Null(s.ExpiredTokenStatus);
        Assert.Equal(TimeSpan.Zero, s.Latency);
        Assert.Equal(TimeSpan.Zero, s.ClockOffset);
        Assert.False(s.SeedSamples || s.Https || s.Quiet || s.ExitOnStdinClose);
        Assert.Empty(s.SeedDomains);
        Assert.Empty(s.Faults);
        Assert.Null(s.ReadyFile);
    }

    [Fact]
    public void EveryOptionIsRead()
    {
        string ready = Path.Combine(Path.GetTempPath(), "ready.json");

        EmulatorSettings s = Parse(
            "--port", "0", "--access-token-lifetime", "3600", "--refreshes-until-active=1", "--expired-token-status", "400",
            "--latency", "250", "--seed-samples", "--seed-domain", "Shop.Example.com=active", "--seed-domain", "new.example.com",
            "--fault", "POST /billing/domains status 503 x2", "--fault", "GET /billing/domains delay 10", "--clock-offset", "-10800",
            "--https", "--quiet", "--ready-file", ready, "--exit-on-stdin-close");

        Assert.Equal(0, s.Port);
        Assert.Equal(TimeSpan.FromHours(1), s.AccessTokenLifetime);
        Assert.Equal(1, s.RefreshesUntilActive);
        Assert.Equal(400, s.ExpiredTokenStatus);
        Assert.Equal(TimeSpan.FromMilliseconds(250), s.Latency);
        Assert.True(s.SeedSamples);
        Assert.Equal(new[] { ("shop.example.com", DomainSeedState.Active), ("new.example.com", DomainSeedState.Pending) }, s.SeedDomains);
        Assert.Equal(2, s.Faults.Count);
        Assert.Equal(TimeSpan.FromHours(-3), s.ClockOffset);
        Assert.True(s.Https && s.Quiet && s.ExitOnStdinClose);
        Assert.Equal(Path.GetFullPath(ready), s.ReadyFile);
    }

    [Fact]
    public void UrlsIsStillRead()
    {
        Assert.Equal("http://127.0.0.1:5099", Parse("--urls", "http://127.0.0.1:5099").Urls);
        Assert.Equal("http://127.0.0.1:5", Parse("--urls=http://127.0.0.1:5").Urls);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void HelpWinsOverEverythingElse(string flag)
    {
        Assert.True(Parse("--port", "1", flag, "--bogus").Help);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "Unknown option '--bogus'")]
    [InlineData(new[] { "5099" }, "Unexpected argument '5099'")]
    [InlineData(new[] { "--port" }, "--port needs a value")]
    [InlineData(new[] { "--port", "x" }, "--port takes a whole number, not 'x'")]
    [InlineData(new[] { "--port", "70000" }, "--port must be between 0 and 65535")]
    [InlineData(new[] { "--port", "1", "--port", "2" }, "--port is given twice")]
    [InlineData(new[] { "--port", "1", "--urls", "http://127.0.0.1:2" }, "--port or --urls, not both")]
    [InlineData(new[] { "--access-token-lifetime", "0" }, "--access-token-lifetime must be between 1")]
    [InlineData(new[] { "--access-token-lifetime", "1.5" }, "whole number")]
    [InlineData(new[] { "--refreshes-until-active", "-1" }, "--refreshes-until-active must be between 0")]
    [InlineData(new[] { "--expired-token-status", "403" }, "401 or 400")]
    [InlineData(new[] { "--latency", "-5" }, "--latency must be between 0")]
    [InlineData(new[] { "--clock-offset", "soon" }, "--clock-offset takes seconds")]
    [InlineData(new[] { "--clock-offset", "1e12" }, "within 100 years")]
    [InlineData(new[] { "--seed-domain", "not a domain" }, "not a valid hostname")]
    [InlineData(new[] { "--seed-domain", "a.example.com=ready" }, "Unknown domain state 'ready'")]
    [InlineData(new[] { "--seed-domain", "a.example.com", "--seed-domain", "A.example.com=active" }, "seeded twice")]
    [InlineData(new[] { "--seed-samples", "--seed-domain", "offers.example.com" }, "--seed-samples includes it")]
    [InlineData(new[] { "--fault", "GET /billing/domains explode" }, "Unknown fault kind 'explode'")]
    [InlineData(new[] { "--quiet=yes" }, "--quiet is a switch")]
    [InlineData(new[] { "--https", "--https" }, "--https is given twice")]
    [InlineData(new[] { "--ready-file", "/no/such/folder/ready.json" }, "does not exist")]
    [InlineData(new[] { "--ready-file", "" }, "needs a file path")]
    public void BadArgumentsAreRefusedWithTheReason(string[] args, string reason)
    {
        UsageException ex = Assert.Throws<UsageException>(() => CommandLine.Parse(args));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReadyFileThatIsAFolderIsRefused()
    {
        UsageException ex = Assert.Throws<UsageException>(() => Parse("--ready-file", Path.GetTempPath()));

        Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionNamesIgnoreCase()
    {
        Assert.Equal(7, Parse("--PORT", "7").Port);
    }

    [Fact]
    public void HelpNamesEveryOptionAndEveryFaultKind()
    {
        string help = HelpText.Build("funnelflux-emulator");

        foreach (string option in new[]
        {
            "--port", "--urls", "--https", "--ready-file", "--access-token-lifetime", "--refreshes-until-active", "--expired-token-status",
            "--latency", "--clock-offset", "--seed-samples", "--seed-domain", "--fault", "--quiet", "--exit-on-stdin-close", "--help",
        })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
            Assert.Null(Record.Exception(() => CommandLine.Parse(option == "--help" ? new[] { option } : Array.Empty<string>())));
        }

        Assert.All(FaultFactory.KindNames, kind => Assert.Contains("    " + kind, help, StringComparison.Ordinal));
        Assert.All(SampleDomains.All, sample => Assert.Contains(sample.Name, help, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryExampleInTheHelpParses()
    {
        string[] examples = HelpText.Build("x").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("--fault \"", StringComparison.Ordinal) && !l.StartsWith("--fault \"<spec>\"", StringComparison.Ordinal))
            .Select(l => l["--fault \"".Length..l.LastIndexOf('"')])
            .ToArray();

        Assert.True(examples.Length >= 5);
        Assert.All(examples, e => Assert.NotNull(FaultSpec.Parse(e)));
    }
}
