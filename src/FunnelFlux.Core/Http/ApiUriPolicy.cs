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

        public static void EnsureAllowed(Uri? uri)
        {
            if (uri is null)
            {
                throw new ArgumentException("The API URI is missing.", "ApiUri");
            }
            if (!uri.IsAbsoluteUri)
            {
                throw new ArgumentException($"The API URI '{uri}' is not absolute. Use a full URI such as {ApiClientOptions.DefaultApiUri}.", "ApiUri");
            }
            if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new ArgumentException($"The API URI must not carry user info, a query or a fragment. Use a base URI such as {ApiClientOptions.DefaultApiUri}.", "ApiUri");
            }
            bool https = uri.Scheme == Uri.UriSchemeHttps;
            bool loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri);
            if (!https && !loopbackHttp)
            {
                throw new ArgumentException(
                    $"The API URI '{uri.GetLeftPart(UriPartial.Authority)}' is not allowed: tokens are only sent over https. " +
                    "Plain http is accepted only for loopback addresses (127.0.0.1, ::1, localhost), where the local emulator runs.",
                    "ApiUri");
            }
        }
    }
}
