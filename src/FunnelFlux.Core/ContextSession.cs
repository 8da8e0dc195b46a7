namespace FunnelFlux
{
    /// <summary>The core's side of a public <see cref="Context"/>: the live session it describes.</summary>
    internal static class ContextSession
    {
        /// <summary>The <see cref="FunnelFlux.ApiSession"/> behind <paramref name="context"/>; only the core creates contexts.</summary>
        public static ApiSession ApiSession(this Context context) => (ApiSession)context.Session;
    }
}
