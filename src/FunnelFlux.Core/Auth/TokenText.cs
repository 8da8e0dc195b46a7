using System.Globalization;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// What a token may contain: visible ASCII only (no spaces, line breaks, control or non-ASCII
    /// characters), which is what an HTTP header can carry. A token with anything else is a copy
    /// and paste accident, and is refused before any request instead of failing on the wire.
    /// Messages never quote the token.
    /// </summary>
    internal static class TokenText
    {
        /// <summary>Null when <paramref name="token"/> can travel; otherwise what is wrong ("contains a space at position 12 of 900").</summary>
        public static string? FindProblem(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return "is empty";
            }
            for (int i = 0; i < token!.Length; i++)
            {
                char c = token[i];
                if (c >= '!' && c <= '~')
                {
                    continue;
                }
                string where = string.Format(CultureInfo.InvariantCulture, "at position {0} of {1}", i + 1, token.Length);
                if (c == ' ' || c == '\u00A0')
                {
                    return $"contains a space {where}";
                }
                if (c == '\r' || c == '\n')
                {
                    return $"contains a line break {where}";
                }
                if (c == '\t')
                {
                    return $"contains a tab {where}";
                }
                if (char.IsControl(c))
                {
                    return $"contains a control character {where}";
                }
                return $"contains a character that is not plain ASCII (U+{(int)c:X4}) {where}";
            }
            return null;
        }
    }
}
