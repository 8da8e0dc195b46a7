using System;
using System.Text;

namespace FunnelFlux.Http
{
    /// <summary>
    /// A request address as the module shows it (Verbose lines, error messages, -WhatIf): the
    /// values of query parameters whose names say they hold a credential are hidden, so a token
    /// a user put in -Query never reaches a transcript. The request itself is sent unchanged.
    /// </summary>
    internal static class ShownUri
    {
        internal const string Hidden = "***";

        // Parts of parameter names that mark a credential (access_token, apiKey, client_secret ...).
        private static readonly string[] SecretNameParts =
        {
            "token", "secret", "password", "passwd", "apikey", "api_key", "api-key",
            "authorization", "credential", "signature", "cookie", "jwt", "bearer",
        };

        // Short names that mean a credential only on their own ("sig", but not "design").
        private static readonly string[] SecretNames = { "sig", "pwd", "key", "auth", "sid", "session" };

        public static string Of(Uri uri) => Of(uri.AbsoluteUri);

        /// <summary>The same for an escaped address or relative path with its query ("ledger/x?token=t").</summary>
        public static string Of(string address)
        {
            int start = address.IndexOf('?');
            return start < 0 ? address : address.Substring(0, start + 1) + HideSecrets(address.Substring(start + 1));
        }

        /// <summary>An escaped query ("a=1&amp;token=x") with the values of credential-like names hidden.</summary>
        internal static string HideSecrets(string query)
        {
            var shown = new StringBuilder(query.Length);
            string[] pairs = query.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                if (i > 0)
                {
                    shown.Append('&');
                }
                string pair = pairs[i];
                int equals = pair.IndexOf('=');
                if (equals >= 0 && IsSecretName(Unescape(pair.Substring(0, equals))))
                {
                    shown.Append(pair, 0, equals + 1).Append(Hidden);
                }
                else
                {
                    shown.Append(pair);
                }
            }
            return shown.ToString();
        }

        internal static bool IsSecretName(string name)
        {
            string lower = name.Trim().ToLowerInvariant();
            if (Array.IndexOf(SecretNames, lower) >= 0)
            {
                return true;
            }
            foreach (string part in SecretNameParts)
            {
                if (lower.Contains(part))
                {
                    return true;
                }
            }
            return false;
        }

        private static string Unescape(string text)
        {
            try
            {
                return Uri.UnescapeDataString(text.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return text;
            }
        }
    }
}
