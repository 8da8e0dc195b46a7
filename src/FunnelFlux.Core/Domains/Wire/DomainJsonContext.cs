using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>
    /// Source-generated (reflection-free) JSON metadata for the Domains API. Names are matched
    /// case-sensitively as declared; unknown fields go to each type's Extra; numbers may come as
    /// strings; a string field takes any value (<see cref="LenientStringConverter"/>).
    /// </summary>
    [JsonSourceGenerationOptions(
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = new[] { typeof(LenientStringConverter) })]
    [JsonSerializable(typeof(ListDomainsResponse))]
    [JsonSerializable(typeof(DomainResponse))]
    [JsonSerializable(typeof(DeleteDomainResponse))]
    [JsonSerializable(typeof(RefreshDomainResponse))]
    [JsonSerializable(typeof(CheckDomainResponse))]
    [JsonSerializable(typeof(CreateDomainRequest))]
    [JsonSerializable(typeof(CheckDomainRequest))]
    internal partial class DomainJsonContext : JsonSerializerContext
    {
    }
}
