using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace FunnelFlux
{
    /// <summary>The shared empty AdditionalProperties, so models never carry null there.</summary>
    internal static class EmptyProperties
    {
        public static IReadOnlyDictionary<string, string> Instance { get; } =
            new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());
    }
}
