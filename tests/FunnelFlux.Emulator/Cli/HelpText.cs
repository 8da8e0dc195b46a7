namespace FunnelFlux.Emulator;

/// <summary>The text of --help.</summary>
internal static class HelpText
{
    public static string Build(string command)
    {
        var lines = new List<string>
        {
            $"Usage: {command} [options]",
            string.Empty,
            "Serves an in-memory FunnelFlux Pro API (POST /v1/auth/validate and /v1/billing/domains...) on",
            "loopback only, for trying the FunnelFlux module and testing scripts without an account.",
            "Demo tokens: demo-access-token / demo-refresh-token. State is lost when it stops.",
            string.Empty,
            "Where it listens",
            "  --port <n>                       port on 127.0.0.1; 0 = any free port (the banner and",
            $"                                   --ready-file say which). Default {LoopbackUrls.DefaultPort}.",
            "  --urls <url;url>                 instead of --port: http://127.0.0.1:5099;http://[::1]:5099",
            "                                   (any host that is not loopback is replaced by 127.0.0.1)",
            "  --https                          serve https with a self-signed certificate made at start;",
            "                                   clients fail the TLS handshake unless they pin it",
            "  --ready-file <path>              once listening, write one JSON line {\"apiUri\", \"accessToken\",",
            "                                   \"refreshToken\", \"controlUri\", \"pid\"} to <path> (demo tokens only);",
            "                                   it is removed again when the emulator stops",
            string.Empty,
            "How the API behaves",
            "  --access-token-lifetime <s>      lifetime of issued access tokens in seconds (default 259200 = 72 h)",
            "  --refreshes-until-active <n>     a pending domain is active on its nth refresh (default 3; 0 = never)",
            "  --expired-token-status <401|400> status of a call made with an expired access token (default 401)",
            "  --latency <ms>                   real time added to every API request (default 0)",
            "  --clock-offset <s>               the server's clock is this many seconds off (negative = behind):",
            "                                   expires_at, expiry checks and timestamps use it",
            "  --seed-samples                   put sample domains in the demo account:",
            "                                   " + string.Join(", ", SampleDomains.All.Select(s => $"{s.Name} ({DomainSeedStates.Name(s.State)})")),
            "  --seed-domain <name>[=<state>]   put a domain in the demo account (repeatable); state is",
            $"                                   {DomainSeedStates.List} (default pending)",
            "  --fault \"<spec>\"                 queue a fault (repeatable), see below",
            string.Empty,
            "Output and lifetime",
            "  --quiet                          no line per request",
            "  --exit-on-stdin-close            stop when standard input closes (a parent process that dies",
            "                                   takes the emulator with it)",
            "  -h, --help                       this text",
            "  Ctrl+C or SIGTERM stops it. Exit code 0 = stopped, 1 = could not start, 2 = bad arguments.",
            string.Empty,
            "Faults: --fault \"" + FaultSpec.Grammar + "\"",
            "  METHOD   GET, POST, DELETE ... or * (any; also when left out)",
            "  PATH     the path after /v1, exact, or a prefix when it ends in * (/billing/domains/*)",
            "  KIND     one of the kinds below; VALUE is the kind's main argument, NAME=VALUE any argument",
            "           ('quotes' or \"quotes\" keep spaces together; sizes take KB, MB, GB, 1024-based)",
            "  after    let the request take effect first (the domain is created/deleted), then misbehave",
            "  xN       apply to the next N matching requests (default x1)",
            "  Kinds ([VALUE] is what a bare value means):",
        };
        lines.AddRange(FaultFactory.HelpLines.Select(l => "    " + l));
        lines.AddRange(new[]
        {
            "  Examples:",
            "    --fault \"DELETE /billing/domains/* close after\"      delete, then close without answering",
            "    --fault \"POST /billing/domains status 503 x2\"",
            "    --fault \"GET /billing/domains status 429 retryAfter=2\"",
            "    --fault \"POST /billing/domains error 400 errorCode=INVALID_VERIFICATION_TOKEN errorMessage='verification token mismatch'\"",
            "    --fault \"GET /billing/domains oversize 200MB\"",
            "    --fault \"* /billing/domains* slowBody bytesPerChunk=1 chunkDelayMs=1000\"",
            string.Empty,
            "Control endpoints (loopback only, JSON) under <controlUri> = http://127.0.0.1:<port>/_emulator:",
            "  GET|DELETE /requests, GET /stats, POST /stats/reset, GET|POST|DELETE /faults,",
            "  GET|POST /clock, POST /domains, GET /tokens. See the package README for the shapes.",
        });
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
