using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using FunnelFlux.Auth;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Commands
{
    /// <summary>Connect-FFAccount: starts a session from an access token and a refresh token.</summary>
    [Cmdlet(VerbsCommunications.Connect, "FFAccount")]
    [OutputType(typeof(Context))]
    public sealed class ConnectFFAccountCommand : FunnelFluxCmdlet
    {
        public const string AccessTokenVariable = "FUNNELFLUX_ACCESS_TOKEN";
        public const string RefreshTokenVariable = "FUNNELFLUX_REFRESH_TOKEN";
        public const string ApiUriVariable = "FUNNELFLUX_API_URI";

        /// <summary>The access token from the FunnelFlux Pro app; FUNNELFLUX_ACCESS_TOKEN when omitted.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>The refresh token that renews the access token when it expires.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNull]
        public SecureString? RefreshToken { get; set; }

        /// <summary>The API base URI; https only, except loopback (the local emulator).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? ApiUri { get; set; }

        /// <summary>Process keeps the session in memory; CurrentUser also saves it for later sessions.</summary>
        [Parameter]
        public ContextScope Scope { get; set; } = ContextScope.Process;

        /// <summary>Seconds one request may take before it counts as timed out.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>How many times a failed request is retried (429, 5xx, network failures).</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 4;

        /// <summary>The largest answer the session accepts, in megabytes; a bigger one fails its request.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int MaxResponseSizeMB { get; set; } = (int)(ApiClientOptions.DefaultMaxResponseBytes / (1024 * 1024));

        /// <summary>A proxy to use instead of the system proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the current user.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Return the new context.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (ProxyCredential != null && ProxyUseDefaultCredentials)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("ProxyCredentialConflict",
                    "Use either -ProxyCredential or -ProxyUseDefaultCredentials, not both.", null));
            }

            // Bad input first: a refused -ApiUri must not come after a warning about the tokens.
            var options = BuildOptions();

            string? accessToken;
            string? refreshToken;
            if (AccessToken != null)
            {
                accessToken = Reveal(AccessToken);
                refreshToken = RefreshToken != null ? Reveal(RefreshToken) : null;
            }
            else
            {
                // Tokens come as a pair: the environment's refresh token is used only with its access token.
                accessToken = Environment.GetEnvironmentVariable(AccessTokenVariable);
                refreshToken = RefreshToken != null ? Reveal(RefreshToken) : Environment.GetEnvironmentVariable(RefreshTokenVariable);
                if (!string.IsNullOrWhiteSpace(accessToken))
                {
                    WriteVerbose($"Using the access token from ${AccessTokenVariable}" +
                        (RefreshToken == null && !string.IsNullOrWhiteSpace(refreshToken) ? $" and the refresh token from ${RefreshTokenVariable}." : "."));
                }
            }
            // Given, but empty: Read-Host -AsSecureString answered with Enter. Not "not given", and
            // an empty -RefreshToken is not a quiet way to connect without one.
            if (AccessToken != null && string.IsNullOrWhiteSpace(accessToken))
            {
                ThrowTerminatingError(EmptyToken("access", "-AccessToken", accessToken!));
            }
            if (RefreshToken != null && string.IsNullOrWhiteSpace(refreshToken))
            {
                ThrowTerminatingError(EmptyToken("refresh", "-RefreshToken", refreshToken!));
            }
            if (string.IsNullOrWhiteSpace(accessToken))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException(
                        "No access token was given. Create an access token and a refresh token in the FunnelFlux Pro app (Settings > API Access; " +
                        "they are shown only once), then pass them with -AccessToken and -RefreshToken as SecureStrings, or set the environment variables " +
                        $"{AccessTokenVariable} and {RefreshTokenVariable}."),
                    "AccessTokenMissing",
                    ErrorCategory.AuthenticationError,
                    null)
                {
                    ErrorDetails = new ErrorDetails(
                        "No access token was given. Create an access token and a refresh token in the FunnelFlux Pro app (Settings > API Access; " +
                        "they are shown only once), then pass them with -AccessToken and -RefreshToken as SecureStrings, or set the environment variables " +
                        $"{AccessTokenVariable} and {RefreshTokenVariable}.")
                    {
                        RecommendedAction = "Connect-FFAccount -AccessToken (Read-Host 'Access token' -AsSecureString) -RefreshToken (Read-Host 'Refresh token' -AsSecureString)",
                    },
                });
            }
            if (string.IsNullOrWhiteSpace(refreshToken))
            {
                refreshToken = null;
            }

            // Before any request: a token that cannot travel in an HTTP header is a paste accident,
            // not a network error to retry.
            if (ApiSession.CheckToken(accessToken!.Trim(), "access") is FunnelFluxException badAccess)
            {
                ThrowTerminatingError(ErrorRecords.From(badAccess));
            }
            if (refreshToken != null && ApiSession.CheckToken(refreshToken.Trim(), "refresh") is FunnelFluxException badRefresh)
            {
                ThrowTerminatingError(ErrorRecords.From(badRefresh));
            }
            // Only once the tokens are known to be usable: a warning before a refusal is noise.
            if (refreshToken == null)
            {
                WriteWarning("No refresh token was given: the session ends when the access token expires (72 hours after it was made). Pass -RefreshToken to let it renew itself.");
            }

            var session = Run((sink, token) => ApiSession.ConnectAsync(options, accessToken!, refreshToken, sink, token));
            var context = new Context(session, Scope);
            if (Scope == ContextScope.CurrentUser && !TrySave(session))
            {
                context = new Context(session, ContextScope.Process);
            }
            ModuleSession.Set(context);
            WriteVerbose($"Connected to {session.ApiUri}; the access token is valid until " +
                $"{(session.AccessTokenExpiresAt is DateTimeOffset expires ? InvariantText.UtcSeconds(expires) : "an unknown time")}.");
            if (PassThru)
            {
                WriteObject(context);
            }
        }

        /// <summary>Saves the session; on failure the session stays connected for this process only.</summary>
        private bool TrySave(ApiSession session)
        {
            string path = FileSessionStore.DefaultPath();
            try
            {
                session.SaveTo(new FileSessionStore(path));
                WriteVerbose($"Saved the session to {path} (readable by the current user only).");
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                WriteError(new ErrorRecord(
                    new IOException($"Connected, but the session could not be saved to {path}: {e.Message} It is kept for this PowerShell session only.", e),
                    "SessionNotSaved",
                    ErrorCategory.WriteError,
                    path)
                {
                    ErrorDetails = new ErrorDetails($"Connected, but the session could not be saved to {path}: {e.Message} It is kept for this PowerShell session only.")
                    {
                        RecommendedAction = $"Make sure you can write to that folder, or set ${FileSessionStore.PathVariable} to a file path you own, then connect again with -Scope CurrentUser.",
                    },
                });
                return false;
            }
        }

        private ApiClientOptions BuildOptions()
        {
            Uri apiUri = ApiUri ?? DefaultApiUri();
            var options = new ApiClientOptions
            {
                ApiUri = apiUri,
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxRetries = MaxRetries,
                MaxResponseBytes = MaxResponseSizeMB * 1024L * 1024L,
                Proxy = Proxy,
                ProxyCredential = ProxyCredential?.GetNetworkCredential(),
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
                UserAgentComment = UserAgentComment(),
            };
            // The reason itself: ArgumentException.Message would end in " (Parameter 'ApiUri')".
            if (ApiUriPolicy.ProblemWith(apiUri) is string problem)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("ApiUriNotAllowed", problem, apiUri));
            }
            options.Validate();
            return options;
        }

        private Uri DefaultApiUri()
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(ApiUriVariable);
            if (string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return ApiClientOptions.DefaultApiUri;
            }
            if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out Uri? uri))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("ApiUriNotAllowed",
                    $"${ApiUriVariable} ('{fromEnvironment}') is not an absolute URI. Set it to a URI such as {ApiClientOptions.DefaultApiUri}, or remove it.", fromEnvironment));
            }
            return uri!;
        }

        private static ErrorRecord EmptyToken(string which, string parameter, string given) =>
            ErrorRecords.From(new FunnelFluxException(
                which == "refresh" ? "RefreshTokenEmpty" : "AccessTokenEmpty",
                FailureKind.InvalidArgument,
                $"The {which} token given with {parameter} {(given.Length == 0 ? "is empty" : "holds only white space")}, so nothing was sent. Read-Host -AsSecureString returns an empty one when Enter is pressed before the token is pasted.",
                $"Paste the {which} token when Read-Host asks for it: Connect-FFAccount -AccessToken (Read-Host 'Access token' -AsSecureString) -RefreshToken (Read-Host 'Refresh token' -AsSecureString)." +
                (which == "refresh" ? " To connect without a refresh token, leave out -RefreshToken." : string.Empty)));

        /// <summary>
        /// The whole text, by its length: NetworkCredential would stop at a NUL and send what came
        /// before it, where the token check should refuse the character.
        /// </summary>
        private static string Reveal(SecureString secure)
        {
            IntPtr text = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(text, secure.Length);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(text);
            }
        }
    }
}
