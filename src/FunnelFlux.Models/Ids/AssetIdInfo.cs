using System;

namespace FunnelFlux
{
    /// <summary>
    /// What <c>Test-FFAssetId -Detailed</c> reports for one string: whether it is a valid
    /// FunnelFlux asset ID, when it was made, or why it is not valid.
    /// </summary>
    public sealed class AssetIdInfo
    {
        public AssetIdInfo(string? id, bool isValid, DateTimeOffset? timestamp, string? reason)
        {
            Id = id;
            IsValid = isValid;
            Timestamp = timestamp;
            Reason = reason;
        }

        /// <summary>The string that was tested, as given.</summary>
        public string? Id { get; }

        public bool IsValid { get; }

        /// <summary>The creation time encoded in the ID (UTC), or null when the ID is invalid.</summary>
        public DateTimeOffset? Timestamp { get; }

        /// <summary>Why the ID is invalid, or null when it is valid.</summary>
        public string? Reason { get; }

        public override string ToString() => Id ?? string.Empty;
    }
}
