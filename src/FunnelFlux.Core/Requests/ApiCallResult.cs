using System.Collections.Generic;
using FunnelFlux.Errors;

namespace FunnelFlux.Requests
{
    /// <summary>The final answer to a generic request, after any retries and renewal.</summary>
    public sealed class ApiCallResult
    {
        internal ApiCallResult(int statusCode, string reasonPhrase, IReadOnlyDictionary<string, string[]> headers, string body, string? mediaType, int attempts, FunnelFluxException? failure)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Headers = headers;
            Body = body;
            MediaType = mediaType;
            Attempts = attempts;
            Failure = failure;
        }

        public int StatusCode { get; }

        public string ReasonPhrase { get; }

        /// <summary>Response and content headers; names are case-insensitive.</summary>
        public IReadOnlyDictionary<string, string[]> Headers { get; }

        /// <summary>The answer's text, exactly as received.</summary>
        public string Body { get; }

        public string? MediaType { get; }

        public int Attempts { get; }

        /// <summary>
        /// Set when the answer is a failure (a non-2xx status, success false, or an error_code), in
        /// the same error model as the domain cmdlets: the error_code is the ErrorId.
        /// </summary>
        public FunnelFluxException? Failure { get; }
    }
}
