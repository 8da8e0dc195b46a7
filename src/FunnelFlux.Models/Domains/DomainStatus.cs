using System;

namespace FunnelFlux
{
    /// <summary>
    /// Status values are open-ended strings FunnelFlux may extend, so they stay strings; only
    /// "active" has a meaning this module relies on.
    /// </summary>
    internal static class DomainStatus
    {
        public const string Active = "active";

        public static bool IsActive(string? status) =>
            string.Equals(status, Active, StringComparison.OrdinalIgnoreCase);
    }
}
