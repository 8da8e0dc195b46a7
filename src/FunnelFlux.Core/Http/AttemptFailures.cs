using System;

namespace FunnelFlux.Http
{
    /// <summary>
    /// The connection was made and closed before an answer's headers came: the server may have
    /// acted on the request. Never a sign that the server did not see it.
    /// </summary>
    internal sealed class NoAnswerException : System.IO.IOException
    {
        public NoAnswerException(Exception inner)
            : base("The connection was closed without an answer after the request was sent.", inner)
        {
        }
    }

    /// <summary>One attempt ran past <see cref="ApiClientOptions.RequestTimeout"/> (headers or body).</summary>
    internal sealed class AttemptTimeoutException : Exception
    {
        public AttemptTimeoutException(TimeSpan timeout, Exception inner)
            : base($"No answer within {InvariantText.Number(timeout.TotalSeconds, "0.###")} s.", inner)
        {
        }
    }

    /// <summary>
    /// The answer's body is larger than <see cref="ApiClientOptions.MaxResponseBytes"/>. The
    /// server did answer (with <see cref="StatusCode"/>); the body was not read past the limit.
    /// </summary>
    internal sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(int statusCode, long limit, long? declaredLength)
            : base(declaredLength.HasValue
                ? $"The answer announced {ResponseBody.FormatSize(declaredLength.Value)}, more than the {ResponseBody.FormatSize(limit)} the module accepts."
                : $"The answer grew past the {ResponseBody.FormatSize(limit)} the module accepts.")
        {
            StatusCode = statusCode;
            Limit = limit;
            DeclaredLength = declaredLength;
        }

        public int StatusCode { get; }

        public long Limit { get; }

        public long? DeclaredLength { get; }
    }
}
