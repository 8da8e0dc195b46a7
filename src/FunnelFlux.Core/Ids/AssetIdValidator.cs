using System;

namespace FunnelFlux.Ids
{
    /// <summary>Checks strings against the FunnelFlux asset ID format and decodes their time.</summary>
    public static class AssetIdValidator
    {
        /// <summary>The same answer as <see cref="Inspect"/>'s IsValid, without making its result object.</summary>
        public static bool IsValid(string? id)
        {
            if (id is null || id.Length != AssetIdFormat.Length)
            {
                return false;
            }
            for (int i = 0; i < id.Length; i++)
            {
                if (AssetIdFormat.DigitValue(id[i]) < 0)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Tests <paramref name="id"/> and explains the first problem found. Every seven-character
        /// base-62 time part decodes to a time inside the format's range (the range is exactly
        /// 62^7 milliseconds), so only length and characters can make a string invalid.
        /// </summary>
        public static AssetIdInfo Inspect(string? id)
        {
            if (id is null)
            {
                return Invalid(id, "The ID is null; an asset ID is 12 characters.");
            }
            if (id.Length != AssetIdFormat.Length)
            {
                // Counted as the eye counts them: a character outside the BMP (an emoji) is two
                // UTF-16 units. Twelve of them, one such, is a wrong character, not a wrong length.
                int characters = CountCharacters(id);
                return Invalid(id, characters == AssetIdFormat.Length
                    ? NotAllowed(id, FirstNotAllowed(id))
                    : $"The ID has {characters} character(s){Unseen(id)}; an asset ID has exactly {AssetIdFormat.Length}.");
            }

            long timeOffset = 0;
            for (int i = 0; i < id.Length; i++)
            {
                int digit = AssetIdFormat.DigitValue(id[i]);
                if (digit < 0)
                {
                    return Invalid(id, NotAllowed(id, i));
                }
                if (i < AssetIdFormat.TimeLength)
                {
                    timeOffset = timeOffset * 62 + digit;
                }
            }

            var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(AssetIdFormat.EpochUnixMilliseconds + timeOffset);
            return new AssetIdInfo(id, true, timestamp, null);
        }

        private static AssetIdInfo Invalid(string? id, string reason) => new AssetIdInfo(id, false, null, reason);

        /// <remarks>
        /// Positions are UTF-16 indexes plus one, which is also the position the eye counts: only
        /// the first character outside the alphabet is ever named, and every one before it is ASCII.
        /// </remarks>
        private static string NotAllowed(string id, int i) =>
            $"Character {i + 1} ({Describe(id, i)}) is not allowed; an asset ID uses only 0-9, A-Z and a-z.";

        private static int FirstNotAllowed(string id)
        {
            int i = 0;
            while (AssetIdFormat.DigitValue(id[i]) >= 0) i++;
            return i;
        }

        /// <summary>Code points, a surrogate pair counted once.</summary>
        private static int CountCharacters(string id)
        {
            int count = 0;
            for (int i = 0; i < id.Length; i++, count++)
            {
                if (char.IsHighSurrogate(id[i]) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1])) i++;
            }
            return count;
        }

        /// <summary>A printable ASCII character quoted; anything else by its code point (a pair of surrogates as one).</summary>
        private static string Describe(string id, int i)
        {
            char c = id[i];
            if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                return $"U+{char.ConvertToUtf32(c, id[i + 1]):X4}";
            }
            return IsPrintableAscii(c) ? $"'{c}'" : $"U+{(int)c:X4}";
        }

        private static bool IsPrintableAscii(char c) => c >= '\u0021' && c <= '\u007e';

        /// <summary>
        /// ", including U+200B at 13": a wrong length that the eye cannot count (an invisible or
        /// non-ASCII character pasted in with the ID) names the first such character.
        /// </summary>
        private static string Unseen(string id)
        {
            for (int i = 0; i < id.Length; i++)
            {
                if (!IsPrintableAscii(id[i]))
                {
                    return $", including {Describe(id, i)} at {i + 1}";
                }
            }
            return string.Empty;
        }
    }
}
