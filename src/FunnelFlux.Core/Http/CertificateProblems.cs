using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace FunnelFlux.Http
{
    /// <summary>
    /// Remembers why the last server certificate of a session was refused, so the error can name
    /// the host and what was wrong instead of .NET's bare "the SSL connection could not be
    /// established". The decision itself stays the platform's: a certificate is accepted exactly
    /// when the platform found no error.
    /// </summary>
    internal sealed class CertificateProblems
    {
        private string? _last;

        /// <summary>The last refusal, described; null when none was seen.</summary>
        public string? Last => Volatile.Read(ref _last);

        /// <summary>The validation callback's whole logic: record, then answer as the platform would.</summary>
        public bool Check(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }
            Volatile.Write(ref _last, Describe(host, certificate, chain, errors));
            return false;
        }

        internal static string Describe(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var what = new List<string>();
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                what.Add("it offered no certificate");
            }
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                what.Add($"its certificate is not for the name {host}");
            }
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                var statuses = chain?.ChainStatus
                    .Select(s => s.Status)
                    .Where(s => s != X509ChainStatusFlags.NoError)
                    .Distinct()
                    .Select(DescribeStatus)
                    .ToList() ?? new List<string>();
                what.Add(statuses.Count == 0
                    ? "its certificate is not trusted"
                    : "its certificate is not trusted: " + string.Join("; ", statuses));
            }
            string about = string.Empty;
            if (certificate != null)
            {
                about = $" (certificate for {certificate.Subject}, issued by {certificate.Issuer})";
            }
            return $"{host}: {string.Join(", and ", what)}{about}";
        }

        private static string DescribeStatus(X509ChainStatusFlags status)
        {
            switch (status)
            {
                case X509ChainStatusFlags.UntrustedRoot: return "it is self-signed or issued by an authority this computer does not trust (UntrustedRoot)";
                case X509ChainStatusFlags.PartialChain: return "its issuer could not be found (PartialChain)";
                case X509ChainStatusFlags.NotTimeValid: return "it has expired or is not valid yet (NotTimeValid)";
                case X509ChainStatusFlags.Revoked: return "it has been revoked (Revoked)";
                default: return status.ToString();
            }
        }
    }
}
