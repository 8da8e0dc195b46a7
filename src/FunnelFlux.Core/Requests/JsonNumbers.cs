using System;
using System.Globalization;
using System.Numerics;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Reads a JSON number without losing digits: an integer as long, or BigInteger beyond Int64;
    /// a number with a fraction or exponent as decimal when decimal holds it exactly, else as
    /// double when double does, else (integral values) as BigInteger. Only a number that none of
    /// them holds exactly (more than 28 significant digits and a fraction) is rounded, to decimal.
    /// </summary>
    public static class JsonNumbers
    {
        public static object Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            bool integral = text.IndexOf('.') < 0 && text.IndexOf('e') < 0 && text.IndexOf('E') < 0;
            if (integral)
            {
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long small))
                {
                    return small;
                }
                return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }

            if (!TryCanonical(text, out var exact))
            {
                throw new FormatException($"'{text}' is not a JSON number.");
            }
            bool decimalParsed = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal asDecimal);
            if (decimalParsed && Same(exact, asDecimal.ToString(CultureInfo.InvariantCulture)))
            {
                return asDecimal;
            }
            double asDouble = ParseDouble(text);
            if (!double.IsInfinity(asDouble) && Same(exact, asDouble.ToString("R", CultureInfo.InvariantCulture)))
            {
                return asDouble;
            }
            if (exact.Exponent >= 0 && exact.Exponent <= 4096)
            {
                var integer = BigInteger.Parse(exact.Digits, CultureInfo.InvariantCulture) * BigInteger.Pow(10, (int)exact.Exponent);
                return exact.Negative ? -integer : integer;
            }
            if (decimalParsed && asDecimal != 0m)
            {
                return asDecimal;
            }
            return asDouble;
        }

        private static double ParseDouble(string text)
        {
            try
            {
                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                // .NET Framework throws where .NET Core answers infinity.
                return text.TrimStart().StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
            }
        }

        private static bool Same(Canonical exact, string candidateText) =>
            TryCanonical(candidateText, out var candidate) &&
            candidate.Digits == exact.Digits && candidate.Exponent == exact.Exponent && candidate.Negative == exact.Negative;

        /// <summary>The number as significant digits and a power of ten (zero as "0", 0, not negative).</summary>
        private static bool TryCanonical(string text, out Canonical canonical)
        {
            canonical = default;
            string s = text.Trim();
            bool negative = false;
            if (s.StartsWith("-", StringComparison.Ordinal) || s.StartsWith("+", StringComparison.Ordinal))
            {
                negative = s[0] == '-';
                s = s.Substring(1);
            }
            long exponent = 0;
            int e = s.IndexOfAny(new[] { 'e', 'E' });
            if (e >= 0)
            {
                if (!long.TryParse(s.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
                {
                    return false;
                }
                s = s.Substring(0, e);
            }
            int dot = s.IndexOf('.');
            string integerPart = dot < 0 ? s : s.Substring(0, dot);
            string fraction = dot < 0 ? string.Empty : s.Substring(dot + 1);
            string digits = integerPart + fraction;
            if (digits.Length == 0)
            {
                return false;
            }
            foreach (char c in digits)
            {
                if (c < '0' || c > '9') return false;
            }
            exponent -= fraction.Length;
            digits = digits.TrimStart('0');
            int end = digits.Length;
            while (end > 0 && digits[end - 1] == '0')
            {
                end--;
                exponent++;
            }
            digits = digits.Substring(0, end);
            canonical = digits.Length == 0 ? new Canonical("0", 0, false) : new Canonical(digits, exponent, negative);
            return true;
        }

        private readonly struct Canonical
        {
            public Canonical(string digits, long exponent, bool negative)
            {
                Digits = digits;
                Exponent = exponent;
                Negative = negative;
            }

            public string Digits { get; }

            public long Exponent { get; }

            public bool Negative { get; }
        }
    }
}
