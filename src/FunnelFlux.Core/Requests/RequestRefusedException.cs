using System;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Input of a generic API request (path, query, body) that is refused before anything is
    /// sent. <see cref="ErrorId"/> is stable (InvalidApiPath, InvalidQuery, InvalidJsonBody, ...);
    /// the message says what is wrong and what to do.
    /// </summary>
    public class RequestRefusedException : ArgumentException
    {
        private readonly string _message;

        public RequestRefusedException(string errorId, string message, string parameterName, Exception? innerException = null)
            : base(message, parameterName, innerException)
        {
            ErrorId = errorId;
            _message = message;
        }

        public string ErrorId { get; }

        /// <summary>The message alone: the parameter name is in the message already, so no "(Parameter 'x')" suffix.</summary>
        public override string Message => _message;
    }

    /// <summary>A -Path that could take the request (and the token) outside the API URI, or is malformed.</summary>
    public sealed class ApiPathRefusedException : RequestRefusedException
    {
        public ApiPathRefusedException(PathProblem problem, string message)
            : base("InvalidApiPath", message, "Path")
        {
            Problem = problem;
        }

        public PathProblem Problem { get; }
    }

    /// <summary>Why a path was refused; one value per rule of <see cref="RequestPath"/>.</summary>
    public enum PathProblem
    {
        Empty,
        SurroundingWhiteSpace,
        ControlCharacter,
        InvalidCharacter,
        Backslash,
        Fragment,
        QueryInPath,
        NetworkPathReference,
        OtherScheme,
        UserInfo,
        OtherHost,
        OtherPort,
        OutsideApiPath,
        DotSegment,
        EncodedSeparator,
        MalformedEscape,
        EmptySegment,
        AuthEndpoint,
        ChangedWhenResolved,
    }
}
