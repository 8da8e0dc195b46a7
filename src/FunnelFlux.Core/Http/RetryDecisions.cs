using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

namespace FunnelFlux.Http
{
    /// <summary>Which failures are worth another attempt, and how long to wait first.</summary>
    internal static class RetryDecisions
    {
        public static bool IsRetryableStatus(int status, RetrySafety safety)
        {
            if (status == 429)
            {
                // Rate limiting happens before the request is acted on, so even a create may repeat.
                return true;
            }
            bool transientServerError = status == 500 || status == 502 || status == 503 || status == 504;
            return transientServerError && safety == RetrySafety.Idempotent;
        }

        public static bool IsRetryableException(Exception exception, RetrySafety safety)
        {
            if (!IsTransportFailure(exception))
            {
                return false;
            }
            return safety == RetrySafety.Idempotent || NeverReachedServer(exception);
        }

        public static bool IsTransportFailure(Exception exception) =>
            exception is HttpRequestException || exception is IOException || exception is AttemptTimeoutException;

        /// <summary>True when the connection itself failed, so the server cannot have seen the request.</summary>
        public static bool NeverReachedServer(Exception exception)
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                            return true;
                    }
                }
            }
            return false;
        }

        /// <summary>
        /// The wait before retry number <paramref name="retryIndex"/> (0 for the first retry):
        /// the server's Retry-After when it gave one, otherwise exponential backoff with jitter
        /// (between half and all of base * 2^n), both capped at <paramref name="maxDelay"/>.
        /// </summary>
        public static TimeSpan ComputeDelay(int retryIndex, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
        {
            if (retryAfter.HasValue)
            {
                var wait = retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value;
                return wait > maxDelay ? maxDelay : wait;
            }
            double exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30));
            double capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
            double withJitter = capped * (0.5 + 0.5 * Math.Max(0, Math.Min(1, jitter)));
            return TimeSpan.FromMilliseconds(withJitter);
        }
    }

    /// <summary>
    /// The request was sent and the connection closed before any byte of an answer: the server
    /// may have acted on it. Never a sign that the server did not see it.
    /// </summary>
    internal sealed class NoAnswerException : System.IO.IOException
    {
        public NoAnswerException(Exception inner)
            : base("The connection was closed without an answer after the request was sent.", inner)
        {
        }
    }

    /// <summary>One attempt ran past <see cref="ApiClientOptions.RequestTimeout"/>.</summary>
    internal sealed class AttemptTimeoutException : Exception
    {
        public AttemptTimeoutException(TimeSpan timeout, Exception inner)
            : base($"No answer within {timeout.TotalSeconds:0.###} s.", inner)
        {
        }
    }
}
