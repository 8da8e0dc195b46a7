using System;
using System.Collections.Generic;
using System.Text;

namespace FunnelFlux.Errors
{
    /// <summary>
    /// The tokens this process holds, so that text which came from a server (an error message, a
    /// quoted page, a Debug excerpt) can be masked before anyone sees it: a proxy or a server
    /// that echoes the Authorization header must not make the module print the token. Holds the
    /// most recent tokens only; every session's tokens are registered where they are made.
    /// </summary>
    internal static class KnownSecrets
    {
        /// <summary>Enough for several sessions and their renewals; older tokens are long expired.</summary>
        private const int Capacity = 64;

        /// <summary>Shorter values are not masked as such: they would blank ordinary words. Bearer values are masked whatever their length.</summary>
        private const int ShortestMasked = 8;

        private const string Mask = "***";

        private static readonly object Gate = new object();
        private static readonly LinkedList<string> Recent = new LinkedList<string>();
        private static string[] _snapshot = Array.Empty<string>();

        public static void Remember(string? secret)
        {
            if (secret == null || secret.Length < ShortestMasked)
            {
                return;
            }
            lock (Gate)
            {
                if (Recent.Contains(secret))
                {
                    return;
                }
                Recent.AddFirst(secret);
                if (Recent.Count > Capacity)
                {
                    Recent.RemoveLast();
                }
                // Longest first, so a token that contains another is masked whole.
                var all = new List<string>(Recent);
                all.Sort((a, b) => b.Length.CompareTo(a.Length));
                _snapshot = all.ToArray();
            }
        }

        /// <summary>The text with every known token, and whatever follows "Bearer ", replaced by ***.</summary>
        public static string Scrub(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }
            string result = text!;
            foreach (string secret in _snapshot)
            {
                if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
                {
                    result = result.Replace(secret, Mask);
                }
            }
            return MaskBearerValues(result);
        }

        /// <summary>
        /// The exception itself when no message in its chain holds a token; otherwise a plain
        /// stand-in with the masked message (a JSON parser's message quotes the text it choked on).
        /// </summary>
        public static Exception? ScrubInner(Exception? inner)
        {
            for (var e = inner; e != null; e = e.InnerException)
            {
                if (!string.Equals(Scrub(e.Message), e.Message, StringComparison.Ordinal))
                {
                    return new Exception($"{inner!.GetType().Name}: {Scrub(inner.Message)}");
                }
            }
            return inner;
        }

        /// <summary>"Bearer abc.def" becomes "Bearer ***" (any case), as an Authorization header echoed back would show.</summary>
        private static string MaskBearerValues(string text)
        {
            const string Scheme = "bearer";
            int at = text.IndexOf(Scheme, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return text;
            }
            var builder = new StringBuilder(text.Length);
            int copied = 0;
            while (at >= 0)
            {
                int valueStart = at + Scheme.Length;
                int i = valueStart;
                while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
                int tokenStart = i;
                while (i < text.Length && IsTokenChar(text[i])) i++;
                // Only "Bearer" as a word followed by blanks and a value; "bearers" or "Bearer." stay.
                bool isWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
                if (isWord && tokenStart > valueStart && i > tokenStart && !(i - tokenStart == Mask.Length && string.CompareOrdinal(text, tokenStart, Mask, 0, Mask.Length) == 0))
                {
                    builder.Append(text, copied, tokenStart - copied).Append(Mask);
                    copied = i;
                }
                at = i < text.Length ? text.IndexOf(Scheme, Math.Max(i, valueStart), StringComparison.OrdinalIgnoreCase) : -1;
            }
            if (copied == 0)
            {
                return text;
            }
            builder.Append(text, copied, text.Length - copied);
            return builder.ToString();
        }

        /// <summary>What a token can hold (RFC 6750 b64token, plus what JWTs and opaque tokens use).</summary>
        private static bool IsTokenChar(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
    }
}
