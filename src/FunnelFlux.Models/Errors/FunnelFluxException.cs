using System;

namespace FunnelFlux.Errors
{
    /// <summary>
    /// The one exception the core throws for API failures. Its message says what happened and
    /// <see cref="RecommendedAction"/> what to do. It never carries a token: both are masked
    /// (<see cref="KnownSecrets"/>), since they may quote what a server answered.
    /// </summary>
    public sealed class FunnelFluxException : Exception
    {
        public FunnelFluxException(
            string errorId,
            FailureKind kind,
            string message,
            string? recommendedAction = null,
            int? statusCode = null,
            string? apiErrorCode = null,
            object? target = null,
            Exception? innerException = null)
            : base(KnownSecrets.Scrub(message), KnownSecrets.ScrubInner(innerException))
        {
            ErrorId = errorId;
            Kind = kind;
            RecommendedAction = recommendedAction == null ? null : KnownSecrets.Scrub(recommendedAction);
            StatusCode = statusCode;
            ApiErrorCode = apiErrorCode;
            Target = target;
        }

        /// <summary>A stable identifier: the API's error_code where there is one.</summary>
        public string ErrorId { get; }

        public FailureKind Kind { get; }

        public string? RecommendedAction { get; }

        /// <summary>The HTTP status of the final answer, when there was one.</summary>
        public int? StatusCode { get; }

        /// <summary>The API's error_code, when the answer carried one.</summary>
        public string? ApiErrorCode { get; }

        /// <summary>What the failed operation was about (a domain name, say).</summary>
        public object? Target { get; }

        /// <summary>A copy naming a different target (the core learns the item late in some paths).</summary>
        public FunnelFluxException WithTarget(object? target) =>
            new FunnelFluxException(ErrorId, Kind, Message, RecommendedAction, StatusCode, ApiErrorCode, target, InnerException);

        /// <summary>
        /// A copy about <paramref name="target"/> that says more than the transport could: another
        /// message or advice where given, everything else (error ID, kind, status, cause) kept.
        /// </summary>
        internal FunnelFluxException Retold(object? target, string? message = null, string? recommendedAction = null) =>
            new FunnelFluxException(ErrorId, Kind, message ?? Message, recommendedAction ?? RecommendedAction, StatusCode, ApiErrorCode, target, InnerException);
    }
}
