namespace FunnelFlux.Emulator;

/// <summary>
/// Maps a request to its endpoint. Everything under /v1/billing needs a live access token; the
/// token check happens before the route's own validation, as an API gateway would do it.
/// </summary>
internal sealed class Router(EmulatorOptions options, AccountRegistry accounts, AuthEndpoint auth, DomainEndpoints domains)
{
    public async Task<ApiResult> RouteAsync(ApiRequest request, CancellationToken cancellation)
    {
        IReadOnlyList<string> s = request.Segments;
        if (s.Count == 2 && s[0] == "auth" && s[1] == "validate")
        {
            return request.Method == "POST" ? await auth.ValidateAsync(request, cancellation).ConfigureAwait(false) : MethodNotAllowed();
        }

        if (s.Count >= 2 && s[0] == "billing" && s[1] == "domains")
        {
            return await DomainsAsync(request, cancellation).ConfigureAwait(false);
        }

        return UnknownRoute();
    }

    private async Task<ApiResult> DomainsAsync(ApiRequest request, CancellationToken cancellation)
    {
        if (options.RequestDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.RequestDelay, cancellation).ConfigureAwait(false);
        }

        TokenCheck check = accounts.Authenticate(request.BearerToken);
        if (check.State == TokenState.Expired)
        {
            return Envelopes.TokenExpired(options.ExpiredTokenStatus);
        }

        if (check.State != TokenState.Valid || check.Account is null)
        {
            return Envelopes.Unauthorized();
        }

        EmulatorAccount account = check.Account;
        IReadOnlyList<string> s = request.Segments;
        string method = request.Method;
        return s.Count switch
        {
            2 when method == "GET" => domains.List(account),
            2 when method == "POST" => domains.Create(account, request.Body),
            3 when s[2] == "check" && method == "POST" => domains.Check(account, request.Body),
            3 when method == "GET" => domains.Get(account, s[2]),
            3 when method == "DELETE" => domains.Delete(account, s[2]),
            4 when s[3] == "refresh" && method == "POST" => domains.Refresh(account, s[2]),
            2 or 3 => MethodNotAllowed(),
            4 when s[3] == "refresh" => MethodNotAllowed(),
            _ => UnknownRoute(),
        };
    }

    private static ApiResult UnknownRoute() => Envelopes.NotFound("No such API endpoint");

    private static ApiResult MethodNotAllowed() => Envelopes.Failure(405, "METHOD_NOT_ALLOWED", "Method not allowed on this endpoint");
}
