using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

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
            // A refused certificate stays refused: asking again only repeats the handshake.
            if (!IsTransportFailure(exception) || IsCertificateFailure(exception))
            {
                return false;
            }
            return safety == RetrySafety.Idempotent || NeverReachedServer(exception);
        }

        public static bool IsTransportFailure(Exception exception) =>
            exception is HttpRequestException || exception is IOException || exception is AttemptTimeoutException;

        /// <summary>The TLS handshake failed (in practice: the server's certificate was refused).</summary>
        public static bool IsCertificateFailure(Exception exception) => Holds<AuthenticationException>(exception);

        /// <summary>A socket reported the failure (refused, reset, unreachable...), rather than the HTTP layer alone.</summary>
        public static bool IsSocketFailure(Exception exception) => Holds<SocketException>(exception);

        private static bool Holds<T>(Exception exception) where T : Exception
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                if (e is T)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>True when the connection itself failed, so the server cannot have seen the request.</summary>
        public static bool NeverReachedServer(Exception exception)
        {
            if (IsCertificateFailure(exception))
            {
                // The request is only written once the handshake has succeeded.
                return true;
            }
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
        /// The backoff before retry number <paramref name="retryIndex"/> (0 for the first retry) when
        /// the server named no wait: exponential with jitter (between half and all of base * 2^n),
        /// capped at <paramref name="maxDelay"/>.
        /// </summary>
        public static TimeSpan ComputeBackoff(int retryIndex, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
        {
            double exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(Math.Max(retryIndex, 0), 30));
            double capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
            double withJitter = capped * (0.5 + 0.5 * Math.Max(0, Math.Min(1, jitter)));
            return TimeSpan.FromMilliseconds(withJitter);
        }
    }
}
