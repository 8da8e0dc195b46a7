using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace FunnelFlux.Emulator;

/// <summary>JSON of the control endpoints: camelCase names, enums as camelCase strings.</summary>
internal static class ControlJson
{
    public const int MaxBodyBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task WriteAsync<T>(HttpContext context, int statusCode, T value)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, Options, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task ErrorAsync(HttpContext context, int statusCode, string message) =>
        WriteAsync(context, statusCode, new ControlError(message));

    /// <summary>The request body as a JSON object; a <see cref="FormatException"/> says what is wrong.</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new FormatException($"The body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new FormatException("The body must be a JSON object.");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new FormatException("The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException("The body is not valid JSON: " + ex.Message);
        }
    }
}

/// <summary>Every control failure: { "error": "what is wrong and what to do" }.</summary>
internal sealed record ControlError(string Error);

/// <summary>GET /_emulator/stats.</summary>
internal sealed record ControlStats(long Requests, int InFlight, int MaxInFlight);

/// <summary>POST /_emulator/faults answers with the fault uses still queued (all faults, not only this one).</summary>
internal sealed record ControlFaultsQueued(int Pending);

/// <summary>GET or POST /_emulator/clock: the test clock, the server's clock, and the offset between them.</summary>
internal sealed record ControlClock(DateTimeOffset Now, DateTimeOffset ServerNow, double OffsetSeconds);

/// <summary>POST /_emulator/domains answers with the seeded domain as stored.</summary>
internal sealed record ControlSeededDomain(string Name, DomainSeedState State, string Status, string SslStatus);
