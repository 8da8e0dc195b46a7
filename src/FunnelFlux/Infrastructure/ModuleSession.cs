using System;
using FunnelFlux.Auth;
using FunnelFlux.Http;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// The module's current context. It is process-wide on purpose: every runspace of the process
    /// (ForEach-Object -Parallel, runspace pools) shares one session, one HTTP client and one
    /// token renewal. A saved (-Scope CurrentUser) session is picked up the first time one is needed.
    /// </summary>
    internal static class ModuleSession
    {
        private static readonly object Gate = new object();
        private static Context? _current;
        private static bool _triedSaved;
        /// <summary>Why the saved session could not be resumed; told again by every later command until Connect or Disconnect.</summary>
        private static InvalidOperationException? _resumeFailure;

        public static Context? Current
        {
            get
            {
                lock (Gate)
                {
                    return _current;
                }
            }
        }

        public static void Set(Context context)
        {
            lock (Gate)
            {
                _current = context;
                _triedSaved = true;
                _resumeFailure = null;
            }
        }

        /// <summary>Forgets the current context; the saved file, if any, is the caller's business.</summary>
        public static Context? Clear()
        {
            lock (Gate)
            {
                var previous = _current;
                _current = null;
                _triedSaved = true;
                _resumeFailure = null;
                return previous;
            }
        }

        /// <summary>
        /// The current context, resuming a saved session once per process when there is none.
        /// Throws InvalidOperationException (the cmdlets' SavedSessionUnreadable) when the saved
        /// file cannot be used, whatever the reason: its message says why and what to do.
        /// </summary>
        public static Context? GetOrResume(Func<string?> userAgentComment)
        {
            lock (Gate)
            {
                if (_current != null)
                {
                    return _current;
                }
                if (_resumeFailure != null)
                {
                    throw new InvalidOperationException(_resumeFailure.Message, _resumeFailure.InnerException);
                }
                if (_triedSaved)
                {
                    return null;
                }
                _triedSaved = true;
                string path = FileSessionStore.DefaultPath();
                try
                {
                    var store = new FileSessionStore(path);
                    var saved = store.Load();
                    if (saved == null)
                    {
                        return null;
                    }
                    var options = new ApiClientOptions { ApiUri = saved.ApiUri, UserAgentComment = userAgentComment() };
                    _current = new Context(ApiSession.Resume(saved, options, store), ContextScope.CurrentUser);
                    return _current;
                }
                catch (InvalidOperationException e)
                {
                    // Remembered, so that every later command says what is wrong, not only this one.
                    _resumeFailure = e;
                    throw;
                }
                catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is System.IO.IOException || e is UnauthorizedAccessException)
                {
                    _resumeFailure = new InvalidOperationException(
                        $"The saved session {path} cannot be used: {e.Message.TrimEnd('.')}. Run Disconnect-FFAccount -Scope CurrentUser, then Connect-FFAccount -Scope CurrentUser again.", e);
                    throw _resumeFailure;
                }
            }
        }

        /// <summary>For tests of resumption: behave as a fresh process would.</summary>
        internal static void ResetForNewProcess()
        {
            lock (Gate)
            {
                _current = null;
                _triedSaved = false;
                _resumeFailure = null;
            }
        }
    }
}
