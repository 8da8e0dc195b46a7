namespace FunnelFlux.Emulator;

internal enum TokenState
{
    Missing,
    Unknown,
    Expired,
    Valid,
}

internal readonly record struct TokenCheck(TokenState State, EmulatorAccount? Account);

internal enum ValidateStatus
{
    UnknownAccessToken,
    Current,
    ExpiredWithoutRefreshToken,
    RefreshTokenRejected,
    Refreshed,
}

/// <summary>What /auth/validate decided; the token fields are meaningful only for Current and Refreshed.</summary>
internal sealed record ValidateOutcome(
    ValidateStatus Status,
    EmulatorAccount? Account,
    string? AccessToken,
    DateTimeOffset ExpiresAt,
    string? NewRefreshToken)
{
    public static ValidateOutcome Failed(ValidateStatus status) => new(status, null, null, default, null);
}
