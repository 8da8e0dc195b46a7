using System.Globalization;

namespace FunnelFlux.Domains
{
    /// <summary>
    /// The Unicode facts HostName needs and .NET does not expose: which characters are
    /// default-ignorable (rendered as nothing, and silently dropped by IDNA mapping), which look
    /// like a slash, and a letter's script, from the Unicode Character Database's
    /// Default_Ignorable_Code_Point property and block ranges.
    /// </summary>
    internal static class UnicodeClasses
    {
        // Default_Ignorable_Code_Point (DerivedCoreProperties.txt), as inclusive ranges.
        private static readonly int[] DefaultIgnorable =
        {
            0x00AD, 0x00AD, 0x034F, 0x034F, 0x061C, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5,
            0x180B, 0x180F, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F, 0x3164, 0x3164,
            0xFE00, 0xFE0F, 0xFEFF, 0xFEFF, 0xFFA0, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3,
            0x1D173, 0x1D17A, 0xE0000, 0xE0FFF,
        };

        /// <summary>
        /// Characters drawn like '/' or '\': a name holding one reads as a path to a person and
        /// means something else to a machine.
        /// </summary>
        private static readonly int[] SlashLike =
        {
            0x2044, 0x2215, 0x2216, 0x2571, 0x2572, 0x29F5, 0x29F8, 0x29F9, 0x2F03, 0x3033, 0x31D3,
            0xFE68, 0xFF0F, 0xFF3C, 0x1735, 0x0338,
        };

        private static readonly (int First, int Last, string Script)[] Scripts =
        {
            (0x0041, 0x005A, "Latin"), (0x0061, 0x007A, "Latin"), (0x00AA, 0x00AA, "Latin"), (0x00BA, 0x00BA, "Latin"),
            (0x00C0, 0x02AF, "Latin"), (0x0370, 0x03FF, "Greek"), (0x0400, 0x052F, "Cyrillic"), (0x0530, 0x058F, "Armenian"),
            (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"), (0x0700, 0x074F, "Syriac"), (0x0750, 0x077F, "Arabic"),
            (0x0780, 0x07BF, "Thaana"), (0x07C0, 0x07FF, "NKo"), (0x0800, 0x083F, "Samaritan"), (0x0840, 0x085F, "Mandaic"),
            (0x0860, 0x086F, "Syriac"), (0x0870, 0x08FF, "Arabic"), (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"),
            (0x0A00, 0x0A7F, "Gurmukhi"), (0x0A80, 0x0AFF, "Gujarati"), (0x0B00, 0x0B7F, "Oriya"), (0x0B80, 0x0BFF, "Tamil"),
            (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"),
            (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x0F00, 0x0FFF, "Tibetan"), (0x1000, 0x109F, "Myanmar"),
            (0x10A0, 0x10FF, "Georgian"), (0x1100, 0x11FF, "Hangul"), (0x1200, 0x139F, "Ethiopic"), (0x13A0, 0x13FF, "Cherokee"),
            (0x1400, 0x167F, "Canadian Aboriginal"), (0x1680, 0x169F, "Ogham"), (0x16A0, 0x16FF, "Runic"), (0x1700, 0x171F, "Tagalog"),
            (0x1780, 0x17FF, "Khmer"), (0x1800, 0x18AF, "Mongolian"), (0x1C80, 0x1C8F, "Cyrillic"), (0x1C90, 0x1CBF, "Georgian"),
            (0x1D00, 0x1DBF, "Latin"), (0x1E00, 0x1EFF, "Latin"), (0x1F00, 0x1FFF, "Greek"), (0x2C00, 0x2C5F, "Glagolitic"),
            (0x2C60, 0x2C7F, "Latin"), (0x2C80, 0x2CFF, "Coptic"), (0x2D00, 0x2D2F, "Georgian"), (0x2D30, 0x2D7F, "Tifinagh"),
            (0x2D80, 0x2DDF, "Ethiopic"), (0x2DE0, 0x2DFF, "Cyrillic"), (0x2E80, 0x2FDF, "Han"), (0x3005, 0x3007, "Han"),
            (0x3021, 0x3029, "Han"), (0x3038, 0x303B, "Han"), (0x3041, 0x309F, "Hiragana"), (0x30A0, 0x30FF, "Katakana"),
            (0x3100, 0x312F, "Bopomofo"), (0x3130, 0x318F, "Hangul"), (0x31A0, 0x31BF, "Bopomofo"), (0x31F0, 0x31FF, "Katakana"),
            (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"), (0xA000, 0xA4CF, "Yi"), (0xA640, 0xA69F, "Cyrillic"),
            (0xA720, 0xA7FF, "Latin"), (0xA960, 0xA97F, "Hangul"), (0xAB30, 0xAB6F, "Latin"), (0xAC00, 0xD7FF, "Hangul"),
            (0xF900, 0xFAFF, "Han"), (0xFB00, 0xFB06, "Latin"), (0xFB13, 0xFB17, "Armenian"), (0xFB1D, 0xFB4F, "Hebrew"),
            (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"), (0xFF21, 0xFF3A, "Latin"), (0xFF41, 0xFF5A, "Latin"),
            (0xFF66, 0xFF9F, "Katakana"), (0xFFA0, 0xFFDC, "Hangul"), (0x20000, 0x3FFFF, "Han"),
        };

        /// <summary>Rendered as nothing: default-ignorable, or any other format character (Cf).</summary>
        public static bool IsInvisible(int codePoint, UnicodeCategory category) =>
            InRanges(DefaultIgnorable, codePoint) || category == UnicodeCategory.Format;

        public static bool IsSlashLike(int codePoint)
        {
            foreach (int c in SlashLike)
            {
                if (c == codePoint) return true;
            }
            return false;
        }

        /// <summary>The script of a letter: a name from the table, or "other (U+XXXX)" for letters it does not cover.</summary>
        public static string ScriptOf(int codePoint)
        {
            foreach (var (first, last, script) in Scripts)
            {
                if (codePoint >= first && codePoint <= last) return script;
            }
            return string.Format(CultureInfo.InvariantCulture, "other (U+{0:X4})", codePoint);
        }

        /// <summary>A name for the invisible characters people meet most, else null.</summary>
        public static string? NameOf(int codePoint)
        {
            switch (codePoint)
            {
                case 0x00AD: return "SOFT HYPHEN";
                case 0x034F: return "COMBINING GRAPHEME JOINER";
                case 0x200B: return "ZERO WIDTH SPACE";
                case 0x200C: return "ZERO WIDTH NON-JOINER";
                case 0x200D: return "ZERO WIDTH JOINER";
                case 0x200E: return "LEFT-TO-RIGHT MARK";
                case 0x200F: return "RIGHT-TO-LEFT MARK";
                case 0x2060: return "WORD JOINER";
                case 0xFEFF: return "ZERO WIDTH NO-BREAK SPACE";
                case 0x2044: return "FRACTION SLASH";
                case 0x2215: return "DIVISION SLASH";
                case 0xFF0F: return "FULLWIDTH SOLIDUS";
                case 0x2216: return "SET MINUS";
                case 0xFF3C: return "FULLWIDTH REVERSE SOLIDUS";
            }
            if (codePoint >= 0xFE00 && codePoint <= 0xFE0F) return "VARIATION SELECTOR-" + (codePoint - 0xFE00 + 1).ToString(CultureInfo.InvariantCulture);
            if (codePoint >= 0xE0100 && codePoint <= 0xE01EF) return "VARIATION SELECTOR-" + (codePoint - 0xE0100 + 17).ToString(CultureInfo.InvariantCulture);
            return null;
        }

        private static bool InRanges(int[] ranges, int codePoint)
        {
            for (int i = 0; i < ranges.Length; i += 2)
            {
                if (codePoint >= ranges[i] && codePoint <= ranges[i + 1]) return true;
            }
            return false;
        }
    }
}
