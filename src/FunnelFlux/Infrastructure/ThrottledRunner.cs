using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Runs up to <c>limit</c> items' API work at once (one by one by default) while everything
    /// PowerShell sees (objects, errors, Verbose, progress) is written from the pipeline thread.
    /// Results are written as items finish, so a limit of 1 keeps the input order.
    /// </summary>
    internal sealed class ThrottledRunner<T>
    {
        private readonly FunnelFluxCmdlet _cmdlet;
        private readonly int _limit;
        private readonly Action<string, T> _onSuccess;
        private readonly Action<string>? _onFailure;
        private readonly bool _writeErrors;
        private readonly QueuedEventSink _sink;
        private readonly List<(string Target, Task<T> Task)> _running = new List<(string, Task<T>)>();

        /// <param name="onFailure">Called on the pipeline thread after an item failed (and its error was written).</param>
        /// <param name="writeErrors">False to leave an item's API or input failure unwritten (Test-FFDomain -Quiet); bugs and Ctrl+C still surface.</param>
        public ThrottledRunner(FunnelFluxCmdlet cmdlet, int limit, Action<string, T> onSuccess, Action<string>? onFailure = null, bool writeErrors = true)
        {
            _cmdlet = cmdlet;
            _limit = Math.Max(1, limit);
            _onSuccess = onSuccess;
            _onFailure = onFailure;
            _writeErrors = writeErrors;
            _sink = cmdlet.NewEventSink();
        }

        /// <summary>Queues work for <paramref name="target"/>, first waiting (and writing) while the limit is reached.</summary>
        public void Add(string target, Func<IApiEventSink, CancellationToken, Task<T>> work)
        {
            while (_running.Count >= _limit)
            {
                Pump();
            }
            _running.Add((target, _cmdlet.Start(work, _sink)));
            if (_limit == 1)
            {
                // One at a time: finish it now so output streams in input order.
                Complete();
            }
        }

        /// <summary>Waits for everything queued and writes the rest.</summary>
        public void Complete()
        {
            while (_running.Count > 0)
            {
                Pump();
            }
            _cmdlet.WriteQueued(_sink);
        }

        /// <summary>
        /// Waits for any item (writing messages meanwhile), then writes every finished item. When
        /// one has failed, the others in flight are waited for and written first: under
        /// -ErrorAction Stop writing the error ends the pipeline, and whatever the requests already
        /// sent did (a domain added, one removed) would otherwise never be reported.
        /// </summary>
        private void Pump()
        {
            var failed = WaitAndWriteSuccesses();
            if (failed == null)
            {
                return;
            }
            while (_running.Count > 0)
            {
                var more = WaitAndWriteSuccesses();
                if (more != null) failed.AddRange(more);
            }
            foreach (var (target, task) in failed)
            {
                Finish(target, task);
            }
        }

        /// <summary>Waits for any item; writes the finished ones that succeeded and returns those that did not (null when none).</summary>
        private List<(string Target, Task<T> Task)>? WaitAndWriteSuccesses()
        {
            var tasks = new Task[_running.Count];
            for (int i = 0; i < tasks.Length; i++) tasks[i] = _running[i].Task;
            _cmdlet.WaitForAny(tasks, _sink);
            List<(string, Task<T>)>? failed = null;
            for (int i = 0; i < _running.Count; i++)
            {
                var item = _running[i];
                if (!item.Task.IsCompleted) continue;
                _running.RemoveAt(i--);
                if (item.Task.Status == TaskStatus.RanToCompletion)
                {
                    Finish(item.Target, item.Task);
                }
                else
                {
                    (failed ??= new List<(string, Task<T>)>()).Add(item);
                }
            }
            return failed;
        }

        private void Finish(string target, Task<T> task)
        {
            if (task.Status == TaskStatus.RanToCompletion)
            {
                _onSuccess(target, task.Result);
                return;
            }
            var error = task.Exception?.GetBaseException();
            switch (error)
            {
                case FunnelFluxException api:
                    if (_writeErrors) _cmdlet.WriteFailure(api, target);
                    break;
                case ArgumentException invalid:
                    if (_writeErrors) _cmdlet.WriteError(ErrorRecords.InvalidArgument("InvalidDomainName", invalid.Message, target, invalid));
                    break;
                case null:
                case OperationCanceledException _:
                    if (_cmdlet.StopToken.IsCancellationRequested) throw new PipelineStoppedException();
                    break;
                default:
                    // Anything else is a bug; surface it whole rather than hide it.
                    _cmdlet.ThrowTerminatingError(new ErrorRecord(error, "UnexpectedFailure", ErrorCategory.NotSpecified, target));
                    break;
            }
            _onFailure?.Invoke(target);
        }
    }
}
