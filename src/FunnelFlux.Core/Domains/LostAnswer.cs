using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Domains
{
    /// <summary>
    /// What became of a create's or delete's answer, for the read-back that follows: what to tell
    /// the user, and whether the server may still be acting on the request.
    /// </summary>
    internal sealed class LostAnswer
    {
        private LostAnswer(string what, bool mayStillAct, bool serverGaveReason)
        {
            What = what;
            MayStillAct = mayStillAct;
            AfterTheReason = serverGaveReason ? ", once the reason FunnelFlux gave is dealt with" : string.Empty;
        }

        /// <summary>"the answer was lost (the connection was closed ...)", or what the server answered; no full stop.</summary>
        public string What { get; }

        /// <summary>True after a timeout (ours or a gateway's): the server may act after the read-back.</summary>
        public bool MayStillAct { get; }

        /// <summary>Appended to "it is safe to run ... again" when the server said why it failed.</summary>
        public string AfterTheReason { get; }

        /// <summary>No usable answer came: a timeout, a dropped or closed connection.</summary>
        public static LostAnswer Of(FunnelFluxException transportFailure)
        {
            var cause = transportFailure.InnerException;
            string what;
            if (cause is AttemptTimeoutException timeout)
            {
                string said = timeout.Message.TrimEnd('.');
                what = char.ToLowerInvariant(said[0]) + said.Substring(1);
            }
            else
            {
                what = cause == null ? "the answer was lost" : $"the answer was lost ({ApiTransport.DescribeException(cause)})";
            }
            return new LostAnswer(what, cause is AttemptTimeoutException, serverGaveReason: false);
        }

        /// <summary>A server error answered (5xx), which may come after the server acted.</summary>
        public static LostAnswer Of(ApiResponse response) =>
            new LostAnswer(
                ApiErrorTranslator.Answered(response),
                // 504 and Cloudflare's 524: a gateway stopped waiting, the server behind it may not have.
                response.StatusCode == 504 || response.StatusCode == 524,
                serverGaveReason: !string.IsNullOrEmpty(ApiErrorTranslator.TryReadEnvelope(response)?.ErrorMessage));

        /// <summary>A success whose body could not be read: the server acted, its answer is unusable.</summary>
        public static LostAnswer Unreadable(ApiResponse response) =>
            new LostAnswer($"FunnelFlux answered {response.StatusCode}, but the answer could not be read", mayStillAct: false, serverGaveReason: false);
    }
}
