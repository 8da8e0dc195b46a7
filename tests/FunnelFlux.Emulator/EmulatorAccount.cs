namespace FunnelFlux.Emulator;

/// <summary>
/// One FunnelFlux user as the emulator sees it. The token properties always show the account's
/// current credentials: they change when a client refreshes (or the refresh token is rotated).
/// </summary>
public sealed class EmulatorAccount
{
    internal EmulatorAccount(string name, string accessToken, string refreshToken, DateTimeOffset accessTokenExpiresAt)
    {
        Name = name;
        AccessToken = accessToken;
        RefreshToken = refreshToken;
        AccessTokenExpiresAt = accessTokenExpiresAt;
    }

    public string Name { get; }

    public string AccessToken { get; internal set; }

    public string RefreshToken { get; internal set; }

    public DateTimeOffset AccessTokenExpiresAt { get; internal set; }

    public override string ToString() => Name;
}
