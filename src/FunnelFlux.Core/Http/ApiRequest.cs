using System.Net.Http;

namespace FunnelFlux.Http
{
    /// <summary>Whether a request may be sent again after a failure.</summary>
    internal enum RetrySafety
    {
        /// <summary>Reads and checks: repeat on 429, 5xx and network failures.</summary>
        Idempotent,

        /// <summary>Creates, deletes or bills: repeat only when the server surely did not act
        /// (429, or the connection was never made).</summary>
        OnlyIfNotActedOn,
    }

    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string relativePath, RetrySafety safety, string? jsonBody = null)
        {
            Method = method;
            RelativePath = relativePath;
            Safety = safety;
            JsonBody = jsonBody;
        }

        public HttpMethod Method { get; }

        /// <summary>Relative to the API base, e.g. "billing/domains/track.example.com".</summary>
        public string RelativePath { get; }

        public RetrySafety Safety { get; }

        public string? JsonBody { get; }

        /// <summary>When true, the answer keeps its headers (Invoke-FFApiRequest -ResponseHeadersVariable); other callers skip the copy.</summary>
        public bool WantsHeaders { get; set; }

        /// <summary>When true, bodies are never written to Debug (they carry secrets).</summary>
        public bool HasSecretBody { get; set; }

        /// <summary>
        /// When true, a large answer is read into a buffer rented from the shared pool: for a
        /// caller that reads the answer into typed results at once and then gives the buffer back
        /// with <see cref="ApiResponse.ReturnBody"/> (a long list, read again and again). Only for
        /// answers that hold no secret: the buffer goes back to the pool uncleared.
        /// </summary>
        public bool MayRentBody { get; set; }
    }
}
