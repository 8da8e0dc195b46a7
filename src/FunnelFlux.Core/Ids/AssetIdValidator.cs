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
                return Invalid(id, $"The ID has {id.Length} character(s); an asset ID has exactly {AssetIdFormat.Length}.");
            }

            long timeOffset = 0;
            for (int i = 0; i < id.Length; i++)
            {
                int digit = AssetIdFormat.DigitValue(id[i]);
                if (digit < 0)
                {
                    return Invalid(id,
                        $"Character {i + 1} ({Describe(id[i])}) is not allowed; an asset ID uses only 0-9, A-Z and a-z.");
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

        private static string Describe(char c) =>
            char.IsWhiteSpace(c) || char.IsControl(c) || c > '\u007e'
                ? $"U+{(int)c:X4}"
                : $"'{c}'";
    }
}
