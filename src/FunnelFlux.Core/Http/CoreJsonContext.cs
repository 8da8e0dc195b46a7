using System.Text.Json.Serialization;
using FunnelFlux.Auth.Wire;
using FunnelFlux.Http.Wire;

namespace FunnelFlux.Http
{
    /// <summary>Source-generated JSON for the envelope, auth and saved-session types.</summary>
    [JsonSourceGenerationOptions(
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(FailureEnvelope))]
    [JsonSerializable(typeof(ValidateRequest))]
    [JsonSerializable(typeof(ValidateResponse))]
    [JsonSerializable(typeof(SavedSessionDocument))]
    internal partial class CoreJsonContext : JsonSerializerContext
    {
    }
}
