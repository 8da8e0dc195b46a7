using System;
using System.Collections.Generic;

namespace FunnelFlux.Http
{
    /// <summary>The final answer to a request, after any retries.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string reasonPhrase, string body, string? mediaType, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Body = body;
            MediaType = mediaType;
            RetryAfter = retryAfter;
        }

        public int StatusCode { get; }

        public string ReasonPhrase { get; }

        public string Body { get; }

        public string? MediaType { get; }

        /// <summary>The server's Retry-After, as a delay from when the answer arrived.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>For a 429: the moment the session may send again (the server's wish, or the module's backoff).</summary>
        public DateTimeOffset? RetryAt { get; set; }

        /// <summary>Where a redirect pointed (absolute, without user info or query); never followed.</summary>
        public string? Location { get; set; }

        public bool IsSuccessStatus => StatusCode >= 200 && StatusCode <= 299;

        public bool IsRedirect => StatusCode >= 300 && StatusCode <= 399;

        /// <summary>The answer's headers (response and content headers), names case-insensitive.</summary>
        public IReadOnlyDictionary<string, string[]> Headers { get; set; } = ResponseHeaders.None;

        /// <summary>The request and its attempts, for messages ("after 3 attempts").</summary>
        public int Attempts { get; set; } = 1;
    }
}
