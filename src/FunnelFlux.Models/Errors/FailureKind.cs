namespace FunnelFlux.Errors
{
    /// <summary>
    /// What kind of failure an API call met. The cmdlet layer maps each kind to one PowerShell
    /// ErrorCategory; the core stays free of PowerShell types.
    /// </summary>
    public enum FailureKind
    {
        Unknown = 0,
        NotFound,
        AlreadyExists,
        PermissionDenied,
        Authentication,
        RateLimited,
        InvalidArgument,
        Connection,
        Timeout,
        InvalidResult,
        /// <summary>A changing request failed after the server may have acted; its outcome is unknown.</summary>
        OutcomeUnknown,
        /// <summary>The connection could not be made secure (the server's certificate was refused).</summary>
        Security,
    }
}
