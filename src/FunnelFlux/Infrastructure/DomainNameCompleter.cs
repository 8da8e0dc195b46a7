using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Completes -Domain with the account's domain names. The list is cached briefly per session;
    /// a slow or failing API yields no suggestions rather than an error or a long pause.
    /// </summary>
    public sealed class DomainNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
        /// <summary>A failed fetch is remembered briefly, so a dead API does not stall every Tab press.</summary>
        private static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(3);
        private static readonly object Gate = new object();
        private static readonly Dictionary<ApiSession, (DateTime ExpiresAt, string[] Names)> Cache = new Dictionary<ApiSession, (DateTime, string[])>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = (fakeBoundParameters?["Context"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters?["Context"]) is Context given
                ? given.ApiSession()
                : CurrentSession();
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
            return NamesOf(session)
                .Where(pattern.IsMatch)
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }

        /// <summary>
        /// The current session, resuming a saved one if nothing has run yet: Tab is often the
        /// first thing pressed in a new PowerShell that has only a saved session. A damaged saved
        /// session offers nothing here; the next command reports it.
        /// </summary>
        private static ApiSession? CurrentSession()
        {
            try
            {
                return ModuleSession.GetOrResume(() => FunnelFluxCmdlet.UserAgentComment(PSVersionTable()))?.ApiSession();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static Hashtable? PSVersionTable()
        {
            try
            {
                return System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.SessionStateProxy.PSVariable.GetValue("PSVersionTable") as Hashtable;
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is InvalidOperationException)
            {
                return null;
            }
        }

        private static string[] NamesOf(ApiSession session)
        {
            lock (Gate)
            {
                if (Cache.TryGetValue(session, out var cached) && DateTime.UtcNow < cached.ExpiresAt)
                {
                    return cached.Names;
                }
            }
            string[]? names = null;
            using (var timeout = new CancellationTokenSource(FetchTimeout))
            {
                var task = Task.Run(() => session.Domains.ListAsync(null, timeout.Token));
                // Task.WaitAny never throws: a failed or slow fetch simply offers nothing.
                if (Task.WaitAny(new Task[] { task }, FetchTimeout) == 0 && task.Status == TaskStatus.RanToCompletion)
                {
                    names = task.Result.Select(d => d.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
                }
                else
                {
                    timeout.Cancel();
                }
            }
            lock (Gate)
            {
                Cache[session] = (DateTime.UtcNow + (names != null ? CacheLifetime : FailureLifetime), names ?? Array.Empty<string>());
            }
            return names ?? Array.Empty<string>();
        }

        /// <summary>Forgets cached names (after a domain is added or removed).</summary>
        internal static void Invalidate(ApiSession session)
        {
            lock (Gate)
            {
                Cache.Remove(session);
            }
        }
    }
}
