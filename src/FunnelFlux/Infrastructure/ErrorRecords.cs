using System;
using System.Management.Automation;
using FunnelFlux.Errors;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>The one mapping from core failures to PowerShell ErrorRecords.</summary>
    internal static class ErrorRecords
    {
        public static ErrorCategory CategoryOf(FailureKind kind)
        {
            switch (kind)
            {
                case FailureKind.NotFound: return ErrorCategory.ObjectNotFound;
                case FailureKind.AlreadyExists: return ErrorCategory.ResourceExists;
                case FailureKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case FailureKind.Authentication: return ErrorCategory.AuthenticationError;
                case FailureKind.RateLimited: return ErrorCategory.LimitsExceeded;
                case FailureKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case FailureKind.Connection: return ErrorCategory.ConnectionError;
                case FailureKind.Timeout: return ErrorCategory.OperationTimeout;
                case FailureKind.InvalidResult: return ErrorCategory.InvalidResult;
                case FailureKind.OutcomeUnknown: return ErrorCategory.ConnectionError;
                case FailureKind.Security: return ErrorCategory.SecurityError;
                default: return ErrorCategory.NotSpecified;
            }
        }

        public static ErrorRecord From(FunnelFluxException exception, object? target = null)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Kind), target ?? exception.Target);
            if (!string.IsNullOrEmpty(exception.RecommendedAction))
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
            }
            return record;
        }

        public static ErrorRecord InvalidArgument(string errorId, string message, object? target, Exception? inner = null) =>
            new ErrorRecord(new ArgumentException(message, inner), errorId, ErrorCategory.InvalidArgument, target);

        public static ErrorRecord NotConnected() =>
            new ErrorRecord(
                new InvalidOperationException(
                    "You are not connected to FunnelFlux. Run Connect-FFAccount with your access token and refresh token " +
                    "(created in the FunnelFlux Pro app under Settings > API Access), or pass -Context."),
                "NotConnected",
                ErrorCategory.AuthenticationError,
                null)
            {
                ErrorDetails = new ErrorDetails(
                    "You are not connected to FunnelFlux. Run Connect-FFAccount with your access token and refresh token " +
                    "(created in the FunnelFlux Pro app under Settings > API Access), or pass -Context.")
                {
                    RecommendedAction = "Connect-FFAccount -AccessToken (Read-Host -AsSecureString) -RefreshToken (Read-Host -AsSecureString)",
                },
            };
    }
}
