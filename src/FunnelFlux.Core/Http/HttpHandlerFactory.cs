using System;
using System.Net;
using System.Net.Http;
#if NET8_0_OR_GREATER
using System.Threading.Tasks;
#else
using System.Security.Authentication;
#endif

namespace FunnelFlux.Http
{
    /// <summary>
    /// The one HTTP handler of a session: no redirects followed, gzip, the proxy the user chose
    /// (none for the loopback emulator), the platform's certificate checks (with their findings
    /// kept for the error message), and the rule that one attempt is one request on the wire.
    /// </summary>
    internal static class HttpHandlerFactory
    {
        /// <param name="certificates">Where a refused server certificate is described for the error message.</param>
        public static HttpMessageHandler Create(ApiClientOptions options, CertificateProblems certificates)
        {
#if NET8_0_OR_GREATER
            var handler = new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
                // Every connection to the API stops the pool from resending an attempt (WireAttempt).
                // A proxy's CONNECT exchange is not the request: its 407 retry must go through.
                PlaintextStreamFilter = (context, _) => new ValueTask<System.IO.Stream>(
                    context.InitialRequestMessage.Method == HttpMethod.Connect ? context.PlaintextStream : new SingleSendStream(context.PlaintextStream)),
            };
            handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                certificates.Check((sender as System.Net.Security.SslStream)?.TargetHostName ?? options.ApiUri.Host, certificate, chain, errors);
#else
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
                // TLS 1.2, and 1.3 where Windows offers it to clients, for this handler only: the
                // process-wide ServicePointManager default of other modules stays as it is.
                SslProtocols = SslProtocols.Tls12 | (OffersTls13() ? Tls13 : SslProtocols.None),
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    certificates.Check(message.RequestUri?.Host ?? options.ApiUri.Host, certificate, chain, errors),
            };
#endif
            ConfigureProxy(handler, options);
            return handler;
        }

        /// <summary>
        /// True when each request must go on a connection of its own. The netstandard2.0 build
        /// (Windows PowerShell 5.1) cannot see the pool's connections, and its handler resends a
        /// request whose kept-alive connection failed, so there no connection is reused.
        /// </summary>
#if NET8_0_OR_GREATER
        public static bool CloseEachConnection => false;
#else
        public static bool CloseEachConnection => true;
#endif

#if !NET8_0_OR_GREATER
        // SslProtocols.Tls13 is not in netstandard2.0's surface.
        private const SslProtocols Tls13 = (SslProtocols)12288;

        /// <summary>Windows 11 and Server 2022 (build 20348) are the first to offer TLS 1.3 to clients by default.</summary>
        private static bool OffersTls13() =>
            Environment.OSVersion.Platform == PlatformID.Win32NT && Environment.OSVersion.Version.Build >= 20348;
#endif

#if NET8_0_OR_GREATER
        private static void ConfigureProxy(SocketsHttpHandler handler, ApiClientOptions options)
#else
        private static void ConfigureProxy(HttpClientHandler handler, ApiClientOptions options)
#endif
        {
            if (ApiUriPolicy.IsLoopback(options.ApiUri))
            {
                // The local emulator: a proxy could only get in the way.
                handler.UseProxy = false;
            }
            else if (options.Proxy != null)
            {
                handler.UseProxy = true;
                handler.Proxy = new WebProxy(options.Proxy)
                {
                    Credentials = options.ProxyUseDefaultCredentials ? CredentialCache.DefaultCredentials : options.ProxyCredential,
                };
            }
            else
            {
                // The system proxy (Proxy = null), authenticated as the user when asked.
                handler.UseProxy = true;
                if (options.ProxyUseDefaultCredentials)
                {
                    handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
                }
                else if (options.ProxyCredential != null)
                {
                    handler.DefaultProxyCredentials = options.ProxyCredential;
                }
            }
        }
    }
}
