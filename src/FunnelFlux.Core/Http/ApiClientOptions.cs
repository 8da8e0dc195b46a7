using System;
using System.Net;

namespace FunnelFlux.Http
{
    /// <summary>How a session talks to the API: timeouts, retry bounds, proxy and identification.</summary>
    public sealed class ApiClientOptions
    {
        public static readonly Uri DefaultApiUri = new Uri("https://api.funnelflux.pro/v1");

        /// <summary>The API base, e.g. https://api.funnelflux.pro/v1. Only https, except loopback.</summary>
        public Uri ApiUri { get; set; } = DefaultApiUri;

        /// <summary>How long one attempt may take before it counts as timed out.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Retries after the first attempt, for 429, 5xx and network failures.</summary>
        public int MaxRetries { get; set; } = 4;

        /// <summary>The first backoff delay; later ones double, with jitter.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>No single backoff or Retry-After wait is longer than this.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>No retry starts once this much time has passed since the first attempt.</summary>
        public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromMinutes(3);

        /// <summary>The default <see cref="MaxResponseBytes"/>: far beyond any real answer of the API.</summary>
        public const long DefaultMaxResponseBytes = 4L * 1024 * 1024;

        /// <summary>
        /// The largest answer body read, in bytes (after decompression). A bigger one fails the
        /// request (ResponseTooLarge) instead of filling memory.
        /// </summary>
        public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

        /// <summary>A proxy to use instead of the system proxy.</summary>
        public Uri? Proxy { get; set; }

        public NetworkCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the current user.</summary>
        public bool ProxyUseDefaultCredentials { get; set; }

        /// <summary>The User-Agent comment, e.g. "Core 7.6.9; Linux 6.1"; the cmdlet layer fills it.</summary>
        public string? UserAgentComment { get; set; }

        public ApiClientOptions Clone() => (ApiClientOptions)MemberwiseClone();

        /// <summary>Throws ArgumentException when a value is out of its sensible range.</summary>
        public void Validate()
        {
            ApiUriPolicy.EnsureAllowed(ApiUri);
            if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("RequestTimeout must be positive.", nameof(RequestTimeout));
            if (MaxRetries < 0 || MaxRetries > 10) throw new ArgumentException("MaxRetries must be between 0 and 10.", nameof(MaxRetries));
            if (RetryBaseDelay < TimeSpan.Zero) throw new ArgumentException("RetryBaseDelay cannot be negative.", nameof(RetryBaseDelay));
            if (MaxRetryDelay < RetryBaseDelay) throw new ArgumentException("MaxRetryDelay cannot be shorter than RetryBaseDelay.", nameof(MaxRetryDelay));
            if (MaxRetryDuration < TimeSpan.Zero) throw new ArgumentException("MaxRetryDuration cannot be negative.", nameof(MaxRetryDuration));
            if (MaxResponseBytes < 1024 || MaxResponseBytes > 1024L * 1024 * 1024) throw new ArgumentException("MaxResponseBytes must be between 1 KB and 1024 MB.", nameof(MaxResponseBytes));
        }
    }
}
