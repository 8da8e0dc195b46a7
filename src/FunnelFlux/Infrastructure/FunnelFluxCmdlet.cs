using System;
using System.Collections;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// What every API cmdlet shares: running core work off the pipeline thread while writing its
    /// Verbose/Debug messages on it, and cancelling that work when the user presses Ctrl+C.
    /// </summary>
    public abstract class FunnelFluxCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>After Ctrl+C, how long to let the work notice before returning anyway.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(500);

        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private bool? _verboseToDebug;

        internal CancellationToken StopToken => _stop.Token;

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>"Core 7.6.9; Linux 6.1.0 ..." for the User-Agent header.</summary>
        internal string UserAgentComment() => UserAgentComment(SessionState.PSVariable.GetValue("PSVersionTable") as Hashtable);

        /// <summary>The same, from a $PSVersionTable (for code that runs outside a cmdlet, such as completion).</summary>
        internal static string UserAgentComment(Hashtable? psVersionTable)
        {
            string edition = "Desktop";
            string version = "5.1";
            if (psVersionTable != null)
            {
                edition = psVersionTable["PSEdition"]?.ToString() ?? edition;
                version = psVersionTable["PSVersion"]?.ToString() ?? version;
            }
            return $"PowerShell {edition} {version}; {RuntimeInformation.OSDescription.Trim()}";
        }

        /// <summary>
        /// Runs <paramref name="work"/> and waits for it on the pipeline thread, writing its messages
        /// as they come. Ctrl+C cancels it and returns control within a second. A core failure
        /// becomes a terminating error (for single operations such as Connect-FFAccount).
        /// </summary>
        internal T Run<T>(Func<IApiEventSink, CancellationToken, Task<T>> work)
        {
            var sink = NewEventSink();
            var task = Start(work, sink);
            WaitForAny(new Task[] { task }, sink);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (FunnelFluxException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>
        /// Starts <paramref name="work"/> on the pipeline thread, which runs it up to its first
        /// wait (validation, building the request, handing it to the socket) and then returns; the
        /// rest completes on pool threads. Starting it here rather than through Task.Run saves a
        /// thread hop on every request, which is most of what a call costs beyond the network.
        /// The work only queues messages (never writes), so nothing it does needs this thread.
        /// </summary>
        internal Task<T> Start<T>(Func<IApiEventSink, CancellationToken, Task<T>> work, IApiEventSink sink)
        {
            try
            {
                return work(sink, _stop.Token);
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }

        /// <summary>A sink that keeps only what this invocation will show: Verbose, Debug, both or neither.</summary>
        internal QueuedEventSink NewEventSink()
        {
            bool debug = StreamShown("Debug", "DebugPreference");
            // Under -Debug alone, the Verbose lines are written to the debug stream (see WriteVerbose).
            bool verbose = StreamShown("Verbose", "VerbosePreference") || debug;
            return new QueuedEventSink(verbose, debug);
        }

        /// <summary>
        /// Whether the stream of -<paramref name="switchName"/> is shown: the switch when given,
        /// otherwise the caller's preference variable (anything but SilentlyContinue and Ignore).
        /// </summary>
        private bool StreamShown(string switchName, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.ContainsKey(switchName))
            {
                return IsSwitchOn(switchName);
            }
            object? value = SessionState.PSVariable.GetValue(preferenceVariable);
            if (value == null || !LanguagePrimitives.TryConvertTo(value, out ActionPreference preference))
            {
                return false;
            }
            return preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

        /// <summary>Waits for <paramref name="task"/> (a pause, say) on the pipeline thread; Ctrl+C ends it.</summary>
        internal void WaitFor(Task task)
        {
            WaitForAny(new[] { task }, null);
            if (task.IsCanceled && _stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// The one place the pipeline thread waits for work: until any of <paramref name="tasks"/>
        /// finishes, writing <paramref name="sink"/>'s messages as they come. After Ctrl+C the work
        /// gets a short grace to notice its cancellation; then control returns regardless.
        /// Task.WaitAny is used because, unlike Task.Wait, it never throws for a faulted task.
        /// </summary>
        internal void WaitForAny(Task[] tasks, QueuedEventSink? sink)
        {
            DateTime? stopSeen = null;
            while (!WaitOnce(tasks))
            {
                if (sink != null) WriteQueued(sink);
                if (_stop.IsCancellationRequested)
                {
                    stopSeen ??= DateTime.UtcNow;
                    if (DateTime.UtcNow - stopSeen.Value > StopGrace)
                    {
                        throw new PipelineStoppedException();
                    }
                }
            }
            if (sink != null) WriteQueued(sink);
        }

        /// <summary>
        /// One wait of up to 20 ms for any of <paramref name="tasks"/>. A single task (every
        /// request made one at a time) is waited on directly, which costs less per request than
        /// WaitAny's bookkeeping; its failure is observed by the caller, not thrown here.
        /// </summary>
        private static bool WaitOnce(Task[] tasks)
        {
            if (tasks.Length != 1)
            {
                return Task.WaitAny(tasks, 20) >= 0;
            }
            var task = tasks[0];
            if (task.IsCompleted)
            {
                return true;
            }
            try
            {
                return task.Wait(20);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        /// <summary>
        /// Every Verbose line of every FunnelFlux cmdlet goes through here (it hides
        /// Cmdlet.WriteVerbose on purpose). PowerShell 7 gives a compiled cmdlet run with -Debug,
        /// and without -Verbose, the preference Inquire for its Verbose messages: each line would
        /// ask "Continue with this operation?", which fails outright under -NonInteractive or
        /// without console input (after the request was made, so the result is lost). -Debug is
        /// what our help asks users to report with, so in that one case the line is written to
        /// the debug stream instead, whose preference -Debug sets to Continue: every request
        /// line still shows, in order, and nothing prompts. -Verbose (or -Verbose:$false) keeps
        /// the Verbose stream as usual.
        /// </summary>
        public new void WriteVerbose(string text)
        {
            _verboseToDebug ??= IsSwitchOn("Debug") && !MyInvocation.BoundParameters.ContainsKey("Verbose");
            if (_verboseToDebug.Value)
            {
                WriteDebug(text);
            }
            else
            {
                base.WriteVerbose(text);
            }
        }

        /// <summary>True when the switch <paramref name="name"/> was passed and is on (-Debug, not -Debug:$false).</summary>
        internal bool IsSwitchOn(string name) =>
            MyInvocation.BoundParameters.TryGetValue(name, out object? value) &&
            (value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value));

        internal void WriteQueued(QueuedEventSink sink)
        {
            while (sink.TryDequeue(out var item))
            {
                if (item.IsDebug)
                {
                    WriteDebug(item.Message);
                }
                else
                {
                    WriteVerbose(item.Message);
                }
            }
        }

        /// <summary>
        /// The saved session could not be read. Every command says so (not only the first), with
        /// what to run, until the user connects again or removes the file.
        /// </summary>
        internal static ErrorRecord SavedSessionUnreadable(InvalidOperationException e) =>
            new ErrorRecord(e, "SavedSessionUnreadable", ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails(e.Message)
                {
                    RecommendedAction = "Disconnect-FFAccount -Scope CurrentUser (deletes the damaged file), then Connect-FFAccount -AccessToken ... -RefreshToken ... -Scope CurrentUser to save a new session.",
                },
            };

        /// <summary>Writes a core failure as a non-terminating error about <paramref name="target"/>.</summary>
        internal void WriteFailure(FunnelFluxException exception, object? target) =>
            WriteError(ErrorRecords.From(exception, target));

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
