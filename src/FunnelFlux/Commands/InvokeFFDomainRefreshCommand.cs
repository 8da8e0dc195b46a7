using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Commands
{
    /// <summary>
    /// Invoke-FFDomainRefresh: fetches fresh Cloudflare status and the routing check; with -Wait,
    /// keeps refreshing (politely) until every domain is ready or the timeout passes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FFDomainRefresh")]
    [OutputType(typeof(Domain))]
    public sealed class InvokeFFDomainRefreshCommand : FunnelFluxDomainCmdlet
    {
        /// <summary>FunnelFlux asks integrations not to poll faster than this.</summary>
        public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(30);

        /// <summary>The interval grows by this factor after each round, up to <see cref="LongestInterval"/>.</summary>
        private const double IntervalGrowth = 1.25;
        private static readonly TimeSpan LongestInterval = TimeSpan.FromMinutes(5);

        /// <summary>How often the progress of a pause is brought up to date.</summary>
        private static readonly TimeSpan ProgressTick = TimeSpan.FromSeconds(1);

        private readonly List<string> _toWaitFor = new List<string>();
        private ThrottledRunner<Domain>? _runner;

        /// <summary>Keep refreshing until each domain is ready or -TimeoutSec passes.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits in all, in seconds (a TimeSpan is accepted too). Default 1800 (30 minutes).</summary>
        [Parameter]
        [Alias("Timeout")]
        [Seconds]
        public int TimeoutSec { get; set; } = 1800;

        /// <summary>The first pause between refreshes with -Wait, in seconds (at least 30; a TimeSpan is accepted too). Default 60; it grows gently.</summary>
        [Parameter]
        [Alias("Interval")]
        [Seconds]
        public int IntervalSec { get; set; } = 60;

        private TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSec);

        private TimeSpan Interval => TimeSpan.FromSeconds(IntervalSec);

        protected override void BeginProcessing()
        {
            if (Interval < MinimumInterval)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("IntervalTooShort",
                    $"-IntervalSec {IntervalSec} is below the 30-second minimum: FunnelFlux asks integrations not to poll faster. Use -IntervalSec 30 or more.", IntervalSec));
            }
            if (TimeoutSec <= 0)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("TimeoutNotPositive", "-TimeoutSec must be more than zero seconds.", TimeoutSec));
            }
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            foreach (string? input in DomainInputs)
            {
                if (!DomainNames.TryNormalize(this, input, out string name, () => _runner?.Complete()))
                {
                    continue;
                }
                if (Wait)
                {
                    if (!_toWaitFor.Contains(name)) _toWaitFor.Add(name);
                    continue;
                }
                _runner ??= new ThrottledRunner<Domain>(this, ThrottleLimit, (_, domain) => WriteObject(domain));
                _runner.Add(name, (sink, token) => session.Domains.RefreshAsync(name, sink, token));
            }
        }

        protected override void EndProcessing()
        {
            _runner?.Complete();
            if (Wait && _toWaitFor.Count > 0)
            {
                WaitUntilReady(ResolveSession());
            }
        }

        private void WaitUntilReady(ApiSession session)
        {
            var started = PollingClock.UtcNow;
            var deadline = started + Timeout;
            var pending = new List<string>(_toWaitFor);
            var last = new Dictionary<string, Domain>(StringComparer.OrdinalIgnoreCase);
            // The latest rate-limit error of each domain whose refresh FunnelFlux held back.
            var limited = new ConcurrentDictionary<string, FunnelFluxException>(StringComparer.OrdinalIgnoreCase);
            var interval = Interval;
            for (int round = 1; ; round++)
            {
                var refreshed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var heldBack = new List<string>();
                var runner = new ThrottledRunner<Domain?>(this, ThrottleLimit, (name, domain) =>
                {
                    refreshed.Add(name);
                    if (domain == null)
                    {
                        heldBack.Add(name);
                        return;
                    }
                    limited.TryRemove(name, out _);
                    last[name] = domain;
                    if (domain.IsReady)
                    {
                        WriteProgress(ProgressFor(name, domain, round, null, started, completed: true));
                        WriteObject(domain);
                    }
                });
                foreach (string name in pending)
                {
                    runner.Add(name, (sink, token) => RefreshUnlessRateLimitedAsync(session, name, limited, sink, token));
                }
                runner.Complete();

                // A domain whose refresh failed has its error written already; waiting on it is pointless.
                pending = pending.Where(n => refreshed.Contains(n) && !(last.TryGetValue(n, out Domain? seen) && seen.IsReady)).ToList();
                if (pending.Count == 0)
                {
                    return;
                }
                if (heldBack.Count > 0)
                {
                    WriteVerbose($"Round {round}: FunnelFlux is rate limiting this account, so {string.Join(", ", heldBack)} " +
                        (heldBack.Count == 1 ? "was not refreshed; it is" : "were not refreshed; they are") + " refreshed again after the pause.");
                }
                var now = PollingClock.UtcNow;
                var left = deadline - now;
                // Another refresh would need a pause shorter than the polite minimum: stop here.
                if (left < MinimumInterval)
                {
                    foreach (string name in pending)
                    {
                        last.TryGetValue(name, out Domain? seen);
                        WriteProgress(ProgressFor(name, seen, round, null, started, completed: true));
                        if (seen != null)
                        {
                            WriteError(NotReadyInTime(name, seen, now - started));
                        }
                        else
                        {
                            // Never refreshed at all: the rate limit is the whole story.
                            WriteFailure(limited[name], name);
                        }
                    }
                    return;
                }
                // When a full interval would leave too little for one more polite pause, stretch
                // this pause to the deadline: the last refresh is made when the timeout is up,
                // rather than giving up early.
                var pause = left - interval < MinimumInterval ? left : interval;
                PauseCountingDown(pause, pending, last, round, started);
                interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * IntervalGrowth), Math.Max(LongestInterval.Ticks, Interval.Ticks)));
            }
        }

        /// <summary>
        /// The pause between rounds, with each domain's progress counting down to the next refresh
        /// once a second, so a minute-long pause does not look like a hang.
        /// </summary>
        private void PauseCountingDown(TimeSpan pause, List<string> pending, Dictionary<string, Domain> last, int round, DateTimeOffset started)
        {
            void ShowProgress(TimeSpan nextIn)
            {
                foreach (string name in pending)
                {
                    last.TryGetValue(name, out Domain? seen);
                    WriteProgress(ProgressFor(name, seen, round, nextIn, started, completed: false));
                }
            }

            ShowProgress(pause);
            WriteVerbose($"Round {round}: {pending.Count} domain(s) not ready yet; next refresh in {InvariantText.Number(pause.TotalSeconds, "0")} s.");
            var resumesAt = PollingClock.UtcNow + pause;
            var pausing = PollingClock.Delay(pause, StopToken);
            while (!pausing.IsCompleted)
            {
                WaitForAny(new[] { pausing, PollingClock.Tick(ProgressTick, StopToken) }, null);
                if (pausing.IsCompleted || StopToken.IsCancellationRequested)
                {
                    break;
                }
                ShowProgress(resumesAt - PollingClock.UtcNow);
            }
            WaitFor(pausing);
        }

        /// <summary>
        /// One refresh; null when FunnelFlux's rate limit held it back (the error is kept in
        /// <paramref name="limited"/>). A rate limit is a pause for the account, not a failure of the
        /// domain, so -Wait tries again after its next pause instead of giving the domain up.
        /// </summary>
        private static async Task<Domain?> RefreshUnlessRateLimitedAsync(ApiSession session, string name, ConcurrentDictionary<string, FunnelFluxException> limited, IApiEventSink sink, CancellationToken token)
        {
            try
            {
                return await session.Domains.RefreshAsync(name, sink, token).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.RateLimited)
            {
                limited[name] = e;
                return null;
            }
        }

        private ProgressRecord ProgressFor(string name, Domain? domain, int round, TimeSpan? nextIn, DateTimeOffset started, bool completed)
        {
            int id = _toWaitFor.IndexOf(name) + 1;
            var record = new ProgressRecord(id, $"Waiting for {name} to become ready", domain == null ? "not refreshed yet: FunnelFlux is rate limiting this account" : Describe(domain))
            {
                // Whole seconds rounded up: "next in 1 s" until the refresh, never "next in 0 s".
                CurrentOperation = nextIn.HasValue ? $"Check {round}; next in {InvariantText.Number(Math.Max(1, Math.Ceiling(nextIn.Value.TotalSeconds - 0.001)), "0")} s" : $"Check {round}",
                PercentComplete = (int)Math.Min(100, Math.Max(0, (PollingClock.UtcNow - started).TotalSeconds * 100 / Timeout.TotalSeconds)),
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            return record;
        }

        private static string Describe(Domain domain)
        {
            string routing = domain.LastCheck == null
                ? "not checked"
                : (domain.LastCheck.Found ? "routes to FunnelFlux" : "does not route to FunnelFlux yet") +
                  (domain.LastCheck.SslValid ? ", TLS valid" : ", TLS not valid yet");
            return $"status {domain.Status ?? "unknown"}, SSL {domain.SslStatus ?? "unknown"}, {routing}";
        }

        private ErrorRecord NotReadyInTime(string name, Domain domain, TimeSpan waited)
        {
            string errors = domain.VerificationErrors.Count > 0
                ? " Cloudflare reports: " + Sentence(string.Join("; ", domain.VerificationErrors.Select(e => e.Trim().TrimEnd('.'))))
                : string.Empty;
            var exception = new FunnelFluxException(
                "DomainNotReady",
                FailureKind.Timeout,
                $"{name} was not ready after {Duration(waited)}: {Sentence(Describe(domain))}{errors} " +
                "This usually means its DNS records are not created yet, or have not propagated (that can take hours).",
                $"Check the records with (Get-FFDomain {name}).DnsRecords, create any that are missing at your DNS provider, then run Invoke-FFDomainRefresh {name} -Wait again.",
                target: name);
            return ErrorRecords.From(exception, name);
        }

        /// <summary>Ends <paramref name="text"/> with exactly one full stop.</summary>
        private static string Sentence(string text) => text.TrimEnd().TrimEnd('.') + ".";

        /// <summary>"40 s", "2 min 30 s", "1 h 5 min": how long the wait took, as a person says it.</summary>
        internal static string Duration(TimeSpan span)
        {
            long seconds = (long)Math.Round(Math.Max(0, span.TotalSeconds));
            if (seconds < 60)
            {
                return $"{seconds} s";
            }
            if (seconds < 3600)
            {
                return seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds / 60} min {seconds % 60} s";
            }
            long minutes = (seconds + 30) / 60;
            return minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
        }
    }
}
