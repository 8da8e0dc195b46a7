using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FunnelFlux.Emulator;

/// <summary>
/// The routes under /_emulator/ that let a test in another process count and disturb what reaches
/// the emulator. They live outside /v1, so nothing of the emulated API changes; they are never
/// recorded in the request log and never counted in the stats.
/// </summary>
internal sealed class ControlEndpoints(
    EmulatorOptions options,
    RequestLog log,
    ConcurrencyCounter concurrency,
    FaultPlan faults,
    AccountRegistry accounts,
    DomainRegistry domains,
    EmulatorAccount demo)
{
    public const string Prefix = "/_emulator";

    private static readonly string[] FaultFields = { "method", "path", "kind", "times", "afterAction" };

    public static bool Owns(string rawPath) =>
        rawPath.Equals(Prefix, StringComparison.OrdinalIgnoreCase) ||
        rawPath.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext context, string rawPath)
    {
        if (!ControlAccess.Allows(context.Connection.RemoteIpAddress, context.Request.Host.Value))
        {
            await ControlJson.ErrorAsync(context, 403, "The control endpoints answer only on loopback, addressed as 127.0.0.1, ::1 or localhost.").ConfigureAwait(false);
            return;
        }

        string route = rawPath[Prefix.Length..].TrimEnd('/').ToLowerInvariant();
        string method = context.Request.Method.ToUpperInvariant();
        try
        {
            Task? handled = (route, method) switch
            {
                ("/requests", "GET") => ControlJson.WriteAsync(context, 200, log.Snapshot()),
                ("/requests", "DELETE") => NoContent(context, log.Clear),
                ("/stats", "GET") => ControlJson.WriteAsync(context, 200, Stats()),
                ("/stats/reset", "POST") => ResetStatsAsync(context),
                ("/faults", "GET") => ControlJson.WriteAsync(context, 200, new ControlFaultsQueued(faults.Pending)),
                ("/faults", "POST") => AddFaultAsync(context),
                ("/faults", "DELETE") => NoContent(context, faults.Clear),
                ("/clock", "GET") => ControlJson.WriteAsync(context, 200, Clock()),
                ("/clock", "POST") => SetClockAsync(context),
                ("/domains", "POST") => SeedDomainAsync(context),
                ("/tokens", "GET") => ControlJson.WriteAsync(context, 200, accounts.TokensEverIssued()),
                _ => null,
            };

            if (handled is not null)
            {
                await handled.ConfigureAwait(false);
            }
            else if (route is "/requests" or "/stats" or "/stats/reset" or "/faults" or "/clock" or "/domains" or "/tokens")
            {
                await ControlJson.ErrorAsync(context, 405, $"{method} is not supported on {Prefix}{route}.").ConfigureAwait(false);
            }
            else
            {
                await ControlJson.ErrorAsync(context, 404, $"No control endpoint {Prefix}{route}; see the emulator's README for the list.").ConfigureAwait(false);
            }
        }
        catch (FormatException ex)
        {
            await ControlJson.ErrorAsync(context, 400, ex.Message).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            await ControlJson.ErrorAsync(context, 409, ex.Message).ConfigureAwait(false);
        }
    }

    private static Task NoContent(HttpContext context, Action act)
    {
        act();
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private ControlStats Stats() => new(concurrency.Total, concurrency.Current, concurrency.Max);

    private ControlClock Clock() => new(options.Clock.GetUtcNow(), options.ServerNow, options.ClockOffset.TotalSeconds);

    private Task ResetStatsAsync(HttpContext context)
    {
        concurrency.Reset();
        return ControlJson.WriteAsync(context, 200, Stats());
    }

    private async Task AddFaultAsync(HttpContext context)
    {
        JsonElement body = await ControlJson.ReadObjectAsync(context.Request).ConfigureAwait(false);
        string? method = OptionalString(body, "method");
        if (method == "*")
        {
            method = null;
        }
        else if (method is not null && (method.Length == 0 || !method.All(char.IsAsciiLetter)))
        {
            throw new FormatException($"'method' must be an HTTP method such as GET or DELETE, or null for any; not '{method}'.");
        }

        string path = OptionalString(body, "path") is { Length: > 0 } p ? p : throw new FormatException("'path' is required, e.g. \"/billing/domains*\".");
        string kind = OptionalString(body, "kind") is { Length: > 0 } k ? k : throw new FormatException($"'kind' is required: one of {string.Join(", ", FaultFactory.KindNames)}.");
        int times = 1;
        if (body.TryGetProperty("times", out JsonElement t) && t.ValueKind != JsonValueKind.Null)
        {
            times = t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out int n) && n >= 1 ? n : throw new FormatException("'times' must be a whole number of at least 1.");
        }

        bool afterAction = false;
        if (body.TryGetProperty("afterAction", out JsonElement a) && a.ValueKind != JsonValueKind.Null)
        {
            afterAction = a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : throw new FormatException("'afterAction' must be true or false.");
        }

        var arguments = new FaultArguments();
        foreach (JsonProperty property in body.EnumerateObject().Where(p => !FaultFields.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
        {
            arguments.Set(property.Name, property.Value);
        }

        faults.Add(method, path, FaultFactory.Create(kind, arguments, afterAction), times);
        await ControlJson.WriteAsync(context, 201, new ControlFaultsQueued(faults.Pending)).ConfigureAwait(false);
    }

    private async Task SetClockAsync(HttpContext context)
    {
        JsonElement body = await ControlJson.ReadObjectAsync(context.Request).ConfigureAwait(false);
        double? advance = OptionalNumber(body, "advanceSeconds");
        double? offset = OptionalNumber(body, "offsetSeconds");
        string? unknown = body.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not ("advanceSeconds" or "offsetSeconds"));
        if (unknown is not null || (advance is null && offset is null))
        {
            throw new FormatException("Give 'advanceSeconds' (moves the emulator clock forward) and/or 'offsetSeconds' (how far the server's clock is off).");
        }

        if (advance < 0)
        {
            throw new FormatException("'advanceSeconds' must not be negative: the clock only moves forward. A server clock that is behind is 'offsetSeconds' < 0.");
        }

        TimeSpan? advanceBy = advance is null ? null : Seconds(advance.Value, "advanceSeconds");
        TimeSpan? offsetBy = offset is null ? null : Seconds(offset.Value, "offsetSeconds");
        if (advanceBy is { } by)
        {
            options.Clock.Advance(by);
        }

        if (offsetBy is { } off)
        {
            options.ClockOffset = off;
        }

        await ControlJson.WriteAsync(context, 200, Clock()).ConfigureAwait(false);
    }

    private async Task SeedDomainAsync(HttpContext context)
    {
        JsonElement body = await ControlJson.ReadObjectAsync(context.Request).ConfigureAwait(false);
        string? unknown = body.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not ("name" or "state"));
        if (unknown is not null)
        {
            throw new FormatException($"Unknown field '{unknown}': a seeded domain takes 'name' and 'state'.");
        }

        string name = OptionalString(body, "name") ?? throw new FormatException("'name' is required, e.g. \"track.example.com\".");
        DomainSeedState state = DomainSeedStates.Parse(OptionalString(body, "state"));
        EmulatedDomain seeded;
        try
        {
            seeded = domains.Seed(demo, name, state);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message);
        }

        await ControlJson.WriteAsync(context, 201, new ControlSeededDomain(seeded.Domain, state, seeded.Status, seeded.SslStatus)).ConfigureAwait(false);
    }

    private static string? OptionalString(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"'{name}' must be a string.");
    }

    private static double? OptionalNumber(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : throw new FormatException($"'{name}' must be a number of seconds.");
    }

    private static TimeSpan Seconds(double seconds, string name)
    {
        // TimeSpan holds about ±29,000 years; the clock must also stay inside DateTimeOffset's range.
        const double Limit = 100 * 365.25 * 24 * 3600;
        return Math.Abs(seconds) <= Limit
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be within ±{Limit:0} seconds (100 years)."));
    }
}
