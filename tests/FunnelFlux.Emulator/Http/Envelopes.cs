using System.Text.Json.Nodes;

namespace FunnelFlux.Emulator;

/// <summary>The API's JSON envelope: success flag plus error_code / error_message on failure.</summary>
internal static class Envelopes
{
    public static ApiResult Ok(JsonObject body) => new(200, body.ToJsonString());

    public static ApiResult Failure(int statusCode, string errorCode, string errorMessage) =>
        new(statusCode, FailureBody(errorCode, errorMessage));

    public static string FailureBody(string errorCode, string errorMessage) => new JsonObject
    {
        ["success"] = false,
        ["error_code"] = errorCode,
        ["error_message"] = errorMessage,
    }.ToJsonString();

    public static ApiResult Unauthorized(string message = "Missing or invalid access token") =>
        Failure(401, "UNAUTHORIZED", message);

    public static ApiResult TokenExpired(int statusCode) =>
        Failure(statusCode, "TOKEN_EXPIRED", "Access token has expired");

    public static ApiResult NotFound(string message) => Failure(404, "NOT_FOUND", message);

    public static ApiResult InvalidDomain(string? raw) =>
        Failure(400, "INVALID_DOMAIN", raw is null ? "A domain hostname is required" : $"'{raw}' is not a valid domain hostname");
}
