using System.Globalization;

namespace FunnelFlux.Emulator;

/// <summary>
/// Reads the emulator's arguments ("--name value" or "--name=value"). Anything it cannot use is a
/// <see cref="UsageException"/> naming the argument, before anything starts.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] Flags = { "--seed-samples", "--https", "--quiet", "--exit-on-stdin-close" };

    private static readonly string[] Valued =
    {
        "--urls", "--port", "--access-token-lifetime", "--refreshes-until-active", "--expired-token-status", "--latency",
        "--seed-domain", "--fault", "--clock-offset", "--ready-file",
    };

    private static readonly string[] Repeatable = { "--seed-domain", "--fault" };

    public static EmulatorSettings Parse(IReadOnlyList<string> args)
    {
        var values = new List<(string Name, string Value)>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h" or "-?" or "/?")
            {
                return new EmulatorSettings { Help = true };
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Unexpected argument '{arg}': every option starts with '--'.");
            }

            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = (equals < 0 ? arg : arg[..equals]).ToLowerInvariant();
            if (Flags.Contains(name))
            {
                if (equals >= 0)
                {
                    throw new UsageException($"{name} is a switch and takes no value.");
                }

                if (!flags.Add(name))
                {
                    throw new UsageException($"{name} is given twice.");
                }

                continue;
            }

            if (!Valued.Contains(name))
            {
                throw new UsageException($"Unknown option '{name}'.");
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                // The next argument is the value even when it starts with '-' (--clock-offset -10800).
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{name} needs a value.");
            }

            if (!Repeatable.Contains(name) && values.Any(v => v.Name == name))
            {
                throw new UsageException($"{name} is given twice.");
            }

            values.Add((name, value));
        }

        string? One(string name) => values.FirstOrDefault(v => v.Name == name).Value;

        if (One("--urls") is not null && One("--port") is not null)
        {
            throw new UsageException("Give --port or --urls, not both.");
        }

        var settings = new EmulatorSettings
        {
            Urls = One("--urls"),
            Port = One("--port") is { } port ? (int)Whole("--port", port, 0, 65535) : null,
            AccessTokenLifetime = One("--access-token-lifetime") is { } life ? TimeSpan.FromSeconds(Whole("--access-token-lifetime", life, 1, 10L * 366 * 24 * 3600)) : null,
            RefreshesUntilActive = One("--refreshes-until-active") is { } refreshes ? (int)Whole("--refreshes-until-active", refreshes, 0, 1_000_000) : null,
            ExpiredTokenStatus = One("--expired-token-status") is { } status ? ExpiredStatus(status) : null,
            Latency = One("--latency") is { } latency ? TimeSpan.FromMilliseconds(Whole("--latency", latency, 0, 600_000)) : TimeSpan.Zero,
            ClockOffset = One("--clock-offset") is { } offset ? Offset(offset) : TimeSpan.Zero,
            ReadyFile = One("--ready-file") is { } ready ? ReadyFile(ready) : null,
            SeedSamples = flags.Contains("--seed-samples"),
            Https = flags.Contains("--https"),
            Quiet = flags.Contains("--quiet"),
            ExitOnStdinClose = flags.Contains("--exit-on-stdin-close"),
            Faults = values.Where(v => v.Name == "--fault").Select(v => FaultSpec.Parse(v.Value)).ToArray(),
        };

        return settings with { SeedDomains = SeedDomains(values.Where(v => v.Name == "--seed-domain").Select(v => v.Value), settings.SeedSamples) };
    }

    private static long Whole(string name, string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new UsageException($"{name} takes a whole number, not '{text}'.");
        }

        return value >= min && value <= max ? value : throw new UsageException($"{name} must be between {min} and {max}, not {value}.");
    }

    private static int ExpiredStatus(string text) => text.Trim() switch
    {
        "401" => 401,
        "400" => 400,
        _ => throw new UsageException($"--expired-token-status is 401 or 400 (what the API answers for an expired token), not '{text}'."),
    };

    private static TimeSpan Offset(string text)
    {
        const double Limit = 100 * 365.25 * 24 * 3600;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds))
        {
            throw new UsageException($"--clock-offset takes seconds (negative = the server's clock is behind), not '{text}'.");
        }

        return Math.Abs(seconds) <= Limit ? TimeSpan.FromSeconds(seconds) : throw new UsageException("--clock-offset must be within 100 years.");
    }

    private static string ReadyFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("--ready-file needs a file path.");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--ready-file '{path}' is not a usable path: {ex.Message}");
        }

        if (Directory.Exists(full))
        {
            throw new UsageException($"--ready-file '{path}' is a folder; give a file path inside it.");
        }

        string? folder = Path.GetDirectoryName(full);
        return folder is null || Directory.Exists(folder)
            ? full
            : throw new UsageException($"--ready-file '{path}': the folder '{folder}' does not exist.");
    }

    private static (string, DomainSeedState)[] SeedDomains(IEnumerable<string> specs, bool withSamples)
    {
        var seeds = new List<(string Name, DomainSeedState State)>();
        foreach (string spec in specs)
        {
            int equals = spec.IndexOf('=', StringComparison.Ordinal);
            string rawName = equals < 0 ? spec : spec[..equals];
            if (!Hostnames.TryNormalize(rawName, out string name))
            {
                throw new UsageException($"--seed-domain '{spec}': '{rawName}' is not a valid hostname.");
            }

            DomainSeedState state;
            try
            {
                state = DomainSeedStates.Parse(equals < 0 ? null : spec[(equals + 1)..]);
            }
            catch (FormatException ex)
            {
                throw new UsageException($"--seed-domain '{spec}': {ex.Message}");
            }

            if (seeds.Any(s => s.Name == name) || (withSamples && SampleDomains.All.Any(s => s.Name == name)))
            {
                throw new UsageException($"--seed-domain '{spec}': {name} is seeded twice{(withSamples ? " (--seed-samples includes it)" : string.Empty)}.");
            }

            seeds.Add((name, state));
        }

        return seeds.ToArray();
    }
}
