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
        /// Throws InvalidOperationException when the saved file is damaged.
        /// </summary>
        public static Context? GetOrResume(string? userAgentComment)
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
                var store = new FileSessionStore(FileSessionStore.DefaultPath());
                SavedSession? saved;
                try
                {
                    saved = store.Load();
                }
                catch (InvalidOperationException e)
                {
                    _resumeFailure = e;
                    throw;
                }
                if (saved == null)
                {
                    return null;
                }
                var options = new ApiClientOptions { ApiUri = saved.ApiUri, UserAgentComment = userAgentComment };
                _current = new Context(ApiSession.Resume(saved, options, store), ContextScope.CurrentUser);
                return _current;
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
