namespace FunnelFlux.Emulator;

/// <summary>
/// Accounts and their tokens. Each account has exactly one live access token and one live refresh
/// token: a refresh replaces the access token (the old one becomes unknown), a rotation or a
/// revocation retires the refresh token. All members are thread-safe.
/// </summary>
internal sealed class AccountRegistry
{
    private readonly object _gate = new();
    private readonly EmulatorOptions _options;
    private readonly List<EmulatorAccount> _accounts = new();
    private readonly Dictionary<string, EmulatorAccount> _byAccessToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorAccount> _byRefreshToken = new(StringComparer.Ordinal);

    // Every token ever issued, live or not, so the request log can scrub any of them.
    private readonly HashSet<string> _everIssued = new(StringComparer.Ordinal);

    public AccountRegistry(EmulatorOptions options)
    {
        _options = options;
    }

    public EmulatorAccount Create(string? name, string? accessToken = null, string? refreshToken = null)
    {
        lock (_gate)
        {
            string accountName = string.IsNullOrWhiteSpace(name) ? $"account-{_accounts.Count + 1}" : name;
            if (_accounts.Any(a => a.Name == accountName))
            {
                throw new ArgumentException($"An account named '{accountName}' already exists.", nameof(name));
            }

            if ((accessToken is not null && _everIssued.Contains(accessToken)) ||
                (refreshToken is not null && _everIssued.Contains(refreshToken)) ||
                (accessToken is not null && accessToken == refreshToken))
            {
                throw new ArgumentException("Tokens must be unique across accounts.");
            }

            string access = Remember(accessToken ?? NewAccessToken());
            string refresh = Remember(refreshToken ?? NewRefreshToken());

            var account = new EmulatorAccount(accountName, access, refresh, Now + _options.AccessTokenLifetime);
            _accounts.Add(account);
            _byAccessToken[access] = account;
            _byRefreshToken[refresh] = account;
            return account;
        }
    }

    public TokenCheck Authenticate(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return new TokenCheck(TokenState.Missing, null);
        }

        lock (_gate)
        {
            if (!_byAccessToken.TryGetValue(accessToken, out EmulatorAccount? account))
            {
                return new TokenCheck(TokenState.Unknown, null);
            }

            return new TokenCheck(IsExpired(account) ? TokenState.Expired : TokenState.Valid, account);
        }
    }

    /// <summary>The rules of POST /auth/validate, applied atomically so concurrent refreshers race fairly.</summary>
    public ValidateOutcome Validate(string? accessToken, string? refreshToken)
    {
        lock (_gate)
        {
            TokenCheck check = Authenticate(accessToken);
            if (check.Account is null)
            {
                return ValidateOutcome.Failed(ValidateStatus.UnknownAccessToken);
            }

            EmulatorAccount account = check.Account;
            if (check.State == TokenState.Valid)
            {
                return new ValidateOutcome(ValidateStatus.Current, account, account.AccessToken, account.AccessTokenExpiresAt, null);
            }

            if (string.IsNullOrEmpty(refreshToken))
            {
                return ValidateOutcome.Failed(ValidateStatus.ExpiredWithoutRefreshToken);
            }

            if (!_byRefreshToken.TryGetValue(refreshToken, out EmulatorAccount? refreshOwner) || !ReferenceEquals(refreshOwner, account))
            {
                return ValidateOutcome.Failed(ValidateStatus.RefreshTokenRejected);
            }

            _byAccessToken.Remove(account.AccessToken);
            account.AccessToken = NewAccessToken();
            account.AccessTokenExpiresAt = Now + _options.AccessTokenLifetime;
            _byAccessToken[account.AccessToken] = account;

            string? rotated = null;
            if (_options.RotateRefreshToken)
            {
                _byRefreshToken.Remove(account.RefreshToken);
                rotated = NewRefreshToken();
                account.RefreshToken = rotated;
                _byRefreshToken[rotated] = account;
            }

            return new ValidateOutcome(ValidateStatus.Refreshed, account, account.AccessToken, account.AccessTokenExpiresAt, rotated);
        }
    }

    public void Expire(string accessToken)
    {
        lock (_gate)
        {
            if (!_byAccessToken.TryGetValue(accessToken, out EmulatorAccount? account))
            {
                throw new ArgumentException("That access token is not live in this emulator.", nameof(accessToken));
            }

            account.AccessTokenExpiresAt = Now;
        }
    }

    public void Revoke(string refreshToken)
    {
        lock (_gate)
        {
            if (!_byRefreshToken.Remove(refreshToken))
            {
                throw new ArgumentException("That refresh token is not live in this emulator.", nameof(refreshToken));
            }
        }
    }

    public bool Holds(EmulatorAccount account)
    {
        lock (_gate)
        {
            return _accounts.Contains(account);
        }
    }

    public string[] TokensEverIssued()
    {
        lock (_gate)
        {
            return _everIssued.ToArray();
        }
    }

    private DateTimeOffset Now => _options.ServerNow;

    private bool IsExpired(EmulatorAccount account) => Now >= account.AccessTokenExpiresAt;

    // Distinct prefixes make a leaked token easy to spot in a log; the caller holds the lock.
    private string NewAccessToken() => Remember("ffemu_at_" + RandomText.Token(40));

    private string NewRefreshToken() => Remember("ffemu_rt_" + RandomText.Token(40));

    private string Remember(string token)
    {
        _everIssued.Add(token);
        return token;
    }
}
