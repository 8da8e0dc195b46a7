using System;
using System.Net;

namespace FunnelFlux.Http
{
    /// <summary>Tokens travel in every request, so the API URI must be https; plain http is allowed
    /// only to loopback, where the local emulator runs.</summary>
    public static class ApiUriPolicy
    {
        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            string host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        /// <exception cref="ArgumentException">The URI is not allowed (see <see cref="ProblemWith"/>).</exception>
        public static void EnsureAllowed(Uri? uri)
        {
            if (ProblemWith(uri) is string problem)
            {
                throw new ArgumentException(problem, "ApiUri");
            }
        }

        /// <summary>Why <paramref name="uri"/> is not allowed as the API URI, as a sentence; null when it is.</summary>
        public static string? ProblemWith(Uri? uri)
        {
            if (uri is null)
            {
                return "The API URI is missing.";
            }
            if (!uri.IsAbsoluteUri)
            {
                return $"The API URI '{uri}' is not absolute. Use a full URI such as {ApiClientOptions.DefaultApiUri}.";
            }
            if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                return $"The API URI must not carry user info, a query or a fragment. Use a base URI such as {ApiClientOptions.DefaultApiUri}.";
            }
            bool https = uri.Scheme == Uri.UriSchemeHttps;
            bool loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri);
            if (!https && !loopbackHttp)
            {
                return $"The API URI '{uri.GetLeftPart(UriPartial.Authority)}' is not allowed: tokens are only sent over https. " +
                    "Plain http is accepted only for loopback addresses (127.0.0.1, ::1, localhost), where the local emulator runs.";
            }
            return null;
        }
    }
}
