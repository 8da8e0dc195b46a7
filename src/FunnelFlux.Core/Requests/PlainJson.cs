using System.Collections.Generic;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// The plain .NET values that stand for JSON between the cmdlet layer and the core, so that
    /// neither side sees the other's types (PowerShell's, or System.Text.Json's, which live behind
    /// the module's private load context):
    /// <list type="bullet">
    /// <item>an object is a <c>List&lt;KeyValuePair&lt;string, object?&gt;&gt;</c>, in document order;</item>
    /// <item>an array is a <c>List&lt;object?&gt;</c>;</item>
    /// <item>a scalar is null, a string, a bool, or a number as long, ulong, BigInteger, decimal or double.</item>
    /// </list>
    /// </summary>
    public static class PlainJson
    {
        public static bool IsObject(object? value) => value is List<KeyValuePair<string, object?>>;

        public static bool IsArray(object? value) => value is List<object?>;

        public static bool IsScalar(object? value) =>
            value is null || value is string || value is bool || value is long || value is ulong ||
            value is System.Numerics.BigInteger || value is decimal || value is double;

        /// <summary>
        /// True for a field name that may hold a credential (access_token, apiKey, client_secret,
        /// sig...): the rule the module uses for query parameters too, so a secret is hidden in a
        /// body's -Debug text wherever it would be hidden in an address.
        /// </summary>
        public static bool IsSecretName(string? name) => !string.IsNullOrEmpty(name) && Http.ShownUri.IsSecretName(name!);
    }
}
