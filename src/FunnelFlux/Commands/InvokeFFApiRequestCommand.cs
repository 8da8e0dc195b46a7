using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Errors;
using FunnelFlux.Requests;

namespace FunnelFlux.Commands
{
    /// <summary>
    /// Invoke-FFApiRequest: any endpoint of the FunnelFlux Pro API through the module's session,
    /// with the same renewal, retries, rate-limit manners, safety and error model as the typed
    /// cmdlets. The path cannot leave the session's API URI, so the token goes nowhere else.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FFApiRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    [OutputType(typeof(OrderedDictionary))]
    [OutputType(typeof(string))]
    public sealed class InvokeFFApiRequestCommand : FunnelFluxApiCmdlet
    {
        private const string Delete = "DELETE";
        private const string NothingSent = " Nothing was sent.";
        private const int ReasonsNamed = 5;

        /// <summary>The HTTP method; Tab completes it.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE")]
        public string Method { get; set; } = "GET";

        /// <summary>The endpoint, relative to the session's API URI (billing/domains), or a full URL inside it.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyString]
        public string Path { get; set; } = string.Empty;

        /// <summary>Query parameters; a list value repeats the key.</summary>
        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>The body: an object converted to JSON, or a string sent as JSON text after a syntax check.</summary>
        [Parameter]
        public object? Body { get; set; }

        /// <summary>How to write the answer.</summary>
        [Parameter]
        [ValidateSet("PSObject", "Hashtable", "Json")]
        public string OutputType { get; set; } = "PSObject";

        /// <summary>Body fields that must hold valid asset IDs; the request is refused before sending otherwise.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AssetIdProperty { get; set; }

        /// <summary>Write failure answers (non-2xx, success false, error_code) as output instead of errors.</summary>
        [Parameter]
        public SwitchParameter SkipHttpErrorCheck { get; set; }

        /// <summary>A variable to receive the HTTP status code of the answer.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusCodeVariable { get; set; }

        /// <summary>A variable to receive the answer's headers.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ResponseHeadersVariable { get; set; }

        /// <summary>Send a DELETE without asking first.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var client = new ApiCallClient(session);
            // Until an answer comes (none for refused input, -WhatIf or a lost connection), the
            // variables say so rather than keep an earlier call's values.
            SetVariable(StatusCodeVariable, null);
            SetVariable(ResponseHeadersVariable, null);
            if (!TryPrepare(client, out PreparedApiCall call) || !Confirmed(call))
            {
                return;
            }

            ApiCallResult result;
            try
            {
                result = Send(client, call);
            }
            catch (FunnelFluxException e)
            {
                WriteError(Record(e));
                return;
            }

            SetVariable(StatusCodeVariable, result.StatusCode);
            SetVariable(ResponseHeadersVariable, result.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            if (result.Failure != null && !SkipHttpErrorCheck)
            {
                WriteError(Record(result.Failure));
                return;
            }
            WriteAnswer(call, result);
        }

        /// <summary>Every check that can be made before a request: body, asset IDs, query, path. Refusals are InvalidArgument errors.</summary>
        private bool TryPrepare(ApiCallClient client, out PreparedApiCall call)
        {
            call = null!;
            try
            {
                string? json = null;
                object? plainBody = null;
                object? body = Body is PSObject wrapped ? wrapped.BaseObject : Body;
                if (body is string text)
                {
                    json = JsonBody.CheckText(text);
                    plainBody = AssetIdProperty != null ? JsonAnswer.Read(text) : null;
                }
                else if (FileLines.TryJoin(body, out string fileText, out string file))
                {
                    json = JsonBody.CheckText(fileText,
                        $"-Body holds the lines of {file}, read by Get-Content, so they are sent together as that file's JSON text",
                        "Correct the file; or, to send its lines as a JSON array of strings, pass [string[]](Get-Content <file>).");
                    WriteVerbose($"-Body: the lines of {file} are sent as one JSON text, as Get-Content -Raw would have read it.");
                    plainBody = AssetIdProperty != null ? JsonAnswer.Read(fileText) : null;
                }
                else if (body != null && body != System.Management.Automation.Internal.AutomationNull.Value)
                {
                    plainBody = PowerShellToPlain.Convert(Body, "Body", "InvalidJsonBody", NothingSent);
                    json = JsonBody.Write(plainBody);
                }
                if (AssetIdProperty != null)
                {
                    CheckAssetIds(json != null, plainBody);
                }
                call = client.Prepare(Method, Path, Query == null ? null : QueryPairs(Query), json);
                return true;
            }
            catch (RequestRefusedException e)
            {
                WriteError(ErrorRecords.InvalidArgument(e.ErrorId, e.Message, Path, e));
                return false;
            }
        }

        private void CheckAssetIds(bool hasBody, object? plainBody)
        {
            if (!hasBody)
            {
                throw new RequestRefusedException("InvalidAssetId", "-AssetIdProperty names fields of the body, but there is no -Body. Nothing was sent.", "AssetIdProperty");
            }
            IReadOnlyList<AssetIdFieldCheck> checks;
            try
            {
                checks = AssetIdFields.Check(plainBody, AssetIdProperty!);
            }
            catch (ArgumentException e)
            {
                throw new RequestRefusedException("InvalidAssetId", e.Message + " Nothing was sent.", "AssetIdProperty", e);
            }
            var bad = checks.Where(c => !c.Info.IsValid).Select(c => c.Info.Reason).ToList();
            if (bad.Count > 0)
            {
                // A message names a few; a body with thousands of bad IDs must not make a message of megabytes.
                string named = string.Join(" ", bad.Take(ReasonsNamed));
                if (bad.Count > ReasonsNamed)
                {
                    named += $" ...and {bad.Count - ReasonsNamed} more invalid value(s); Test-FFAssetId -InputObject $body -Property <fields> -Detailed | Where-Object IsValid -eq $false lists them all.";
                }
                throw new RequestRefusedException(
                    "InvalidAssetId",
                    $"-Body is refused and nothing was sent, because an ID in it could break the account's reports: {named} " +
                    "Make IDs with New-FFAssetId, and check a body with Test-FFAssetId -InputObject $body -Property <fields>.",
                    "Body");
            }
        }

        private static List<KeyValuePair<string, object?>> QueryPairs(IDictionary query)
        {
            var pairs = new List<KeyValuePair<string, object?>>();
            foreach (DictionaryEntry entry in query)
            {
                object key = entry.Key is PSObject k ? k.BaseObject : entry.Key;
                string name = Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                pairs.Add(new KeyValuePair<string, object?>(name, PowerShellToPlain.Convert(entry.Value, "Query", "InvalidQuery", NothingSent)));
            }
            return pairs;
        }

        /// <summary>
        /// A GET never asks and is sent even under -WhatIf: it changes nothing. Every other method
        /// goes through ShouldProcess (medium impact, like New-FFDomain); a DELETE asks by default,
        /// as a high-impact command would (like Remove-FFDomain), unless -Force or -Confirm:$false.
        /// </summary>
        private bool Confirmed(PreparedApiCall call)
        {
            if (!call.MayChangeState)
            {
                return true;
            }
            string action = call.Method == Delete
                ? "Send a DELETE request (deletes data; it is not sent again once FunnelFlux may have acted on it)"
                : $"Send a {call.Method} request (may create or change data; it is not sent again once FunnelFlux may have acted on it)";
            bool confirmBound = MyInvocation.BoundParameters.ContainsKey("Confirm");
            if (confirmBound || WhatIfActive())
            {
                return ShouldProcess(call.Label, action);
            }
            if (Force)
            {
                return true;
            }
            if (!ShouldProcess(call.Label, action))
            {
                return false;
            }
            // ShouldProcess asked already when $ConfirmPreference is Medium or Low; at High (the
            // default) only a high-impact command asks, and a DELETE is one.
            if (call.Method == Delete && ConfirmPreference() == ConfirmImpact.High)
            {
                return ShouldContinue($"Send DELETE to {call.ShownAddress}? {action}.", "Confirm");
            }
            return true;
        }

        private ConfirmImpact ConfirmPreference()
        {
            object? value = SessionState.PSVariable.GetValue("ConfirmPreference");
            try
            {
                return value == null ? ConfirmImpact.High : LanguagePrimitives.ConvertTo<ConfirmImpact>(value);
            }
            catch (PSInvalidCastException)
            {
                return ConfirmImpact.High;
            }
        }

        private bool WhatIfActive()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? whatIf))
            {
                return whatIf is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(whatIf);
            }
            return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
        }

        /// <summary>Sends the call (see Start), writing Verbose/Debug as they come; Ctrl+C stops it.</summary>
        private ApiCallResult Send(ApiCallClient client, PreparedApiCall call)
        {
            var sink = NewEventSink();
            var token = StopToken;
            var task = Start((s, t) => client.SendAsync(call, s, t), sink);
            WaitForAny(new Task[] { task }, sink);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private void WriteAnswer(PreparedApiCall call, ApiCallResult result)
        {
            if (OutputType == "Json")
            {
                if (result.Body.Length > 0)
                {
                    WriteObject(result.Body);
                }
                return;
            }
            string trimmed = result.Body.Trim();
            if (trimmed.Length == 0)
            {
                return;
            }
            if (!JsonAnswer.TryRead(result.Body, out object? plain, out string? problem))
            {
                // Judged by its shape, not its Content-Type: an API may label plain text as JSON.
                if (trimmed[0] == '{' || trimmed[0] == '[')
                {
                    WriteUnreadable(call, result, $"looks like JSON and is not valid JSON ({problem})");
                }
                else
                {
                    // A plain-text answer (such as "Update queued for processing") is written as it is.
                    WriteObject(result.Body);
                }
                return;
            }
            object? converted;
            try
            {
                converted = PlainToPowerShell.Convert(plain, asHashtable: OutputType == "Hashtable");
            }
            catch (FormatException e)
            {
                WriteUnreadable(call, result, e.Message.TrimEnd('.'));
                return;
            }
            // A top-level array is written item by item, as Invoke-RestMethod does.
            WriteObject(converted, enumerateCollection: plain is List<object?>);
        }

        /// <summary>
        /// An answer that cannot be turned into objects. For a read it is an error (the read can be
        /// repeated with -OutputType Json). A changing request that succeeded was carried out, so
        /// its answer is kept as text with a warning: an error would invite sending it again.
        /// </summary>
        private void WriteUnreadable(PreparedApiCall call, ApiCallResult result, string problem)
        {
            if (!call.MayChangeState || result.StatusCode < 200 || result.StatusCode > 299)
            {
                WriteError(InvalidAnswer(call, result, problem));
                return;
            }
            // Output first: under -WarningAction Stop the warning ends the command.
            WriteObject(result.Body);
            WriteWarning($"{call.Label} answered {(result.StatusCode + " " + result.ReasonPhrase).Trim()}, so FunnelFlux accepted it, but the body {problem}. " +
                "It is written as text, exactly as it came. Do not send the request again: read the data back with a GET request if you need it as objects.");
        }

        private ErrorRecord InvalidAnswer(PreparedApiCall call, ApiCallResult result, string problem) =>
            Record(new FunnelFluxException(
                "InvalidResponse",
                FailureKind.InvalidResult,
                $"{call.Label} answered {(result.StatusCode + " " + result.ReasonPhrase).Trim()}, but the body {problem}.",
                "Use -OutputType Json to get the answer's text exactly as it came.",
                result.StatusCode,
                null,
                call.ShownRelativePath));

        /// <summary>The domain cmdlets' ErrorRecord, with a category from the status where the kind alone says nothing.</summary>
        private static ErrorRecord Record(FunnelFluxException e)
        {
            var category = e.Kind == FailureKind.Unknown ? CategoryForStatus(e.StatusCode) : ErrorRecords.CategoryOf(e.Kind);
            var record = new ErrorRecord(e, e.ErrorId, category, e.Target);
            if (!string.IsNullOrEmpty(e.RecommendedAction))
            {
                record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction };
            }
            return record;
        }

        private static ErrorCategory CategoryForStatus(int? status)
        {
            switch (status)
            {
                case 405:
                    return ErrorCategory.InvalidOperation;
                case 406:
                case 415:
                    return ErrorCategory.InvalidType;
                case 408:
                    return ErrorCategory.OperationTimeout;
                case 410:
                    return ErrorCategory.ObjectNotFound;
                case 413:
                    return ErrorCategory.LimitsExceeded;
                case 422:
                    return ErrorCategory.InvalidData;
                case int s when s >= 400 && s < 500:
                    return ErrorCategory.InvalidOperation;
                case int s when s >= 200 && s < 300:
                    // A 2xx that says success false without a recognised code: the API refused the operation.
                    return ErrorCategory.InvalidOperation;
                default:
                    return ErrorCategory.NotSpecified;
            }
        }

        private void SetVariable(string? name, object? value)
        {
            if (!string.IsNullOrEmpty(name))
            {
                SessionState.PSVariable.Set(name, value);
            }
        }
    }
}
