using System.Linq;
using System.Management.Automation;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Ids;
using FunnelFlux.Requests;

namespace FunnelFlux.Commands
{
    /// <summary>
    /// Test-FFAssetId: tells whether strings are valid FunnelFlux asset IDs, or (with -Property)
    /// whether the named fields of a request body hold valid IDs, before the body is sent.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "FFAssetId", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(bool))]
    [OutputType(typeof(AssetIdInfo))]
    public sealed class TestFFAssetIdCommand : PSCmdlet
    {
        private const string IdSet = "Id";
        private static readonly string?[] NullId = { null };
        private const string PipelineSet = "Pipeline";
        private const string PropertySet = "Property";

        /// <summary>The strings to test (objects with an Id property give that property).</summary>
        /// <remarks>
        /// Piped IDs bind to InputObject, not here: a piped string bound to a string[] cost the
        /// binder a conversion, and a by-property-name try, for every item (testid_pipe_vs_array
        /// in docs/performance.md). PipedIds reads a piped item as this parameter would have
        /// taken it, Id property included.
        /// </remarks>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [AssetIdInput]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string?[] Id { get; set; } = new string?[0];

        /// <summary>A piped ID (a string, or an object with an Id property); with -Property, a body to check.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PropertySet)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>The fields of InputObject that must hold valid asset IDs (dots reach into nested objects).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PropertySet)]
        [ValidateNotNullOrEmpty]
        public string[] Property { get; set; } = new string[0];

        /// <summary>Return an object with the decoded time or the reason instead of a boolean.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case PropertySet:
                    TestFields();
                    return;
                case PipelineSet:
                    // The usual piped item, a string, is answered without building an array for it.
                    object? raw = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
                    if (raw == null || raw is string)
                    {
                        Answer(raw as string);
                        return;
                    }
                    if (!MyInvocation.ExpectingInput && PipedIds.LooksLikeBody(InputObject))
                    {
                        // Given by name, a body without -Property is a forgotten -Property: its text
                        // is no ID, and a bare False would not say what went wrong.
                        ThrowTerminatingError(ErrorRecords.InvalidArgument("PropertyNotGiven",
                            $"-InputObject holds a {raw.GetType().Name}, a request body, but -Property does not name the fields that must hold asset IDs. " +
                            "Add -Property (Test-FFAssetId -InputObject $body -Property funnelIDs), or pass the IDs themselves with -Id.", InputObject));
                    }
                    string?[]? ids = PipedIds.From(InputObject, out PSInvalidCastException? notText);
                    if (ids == null)
                    {
                        WriteError(ErrorRecords.InvalidArgument("InvalidInputObject", $"The piped {raw.GetType().Name} cannot be read as text to test as an asset ID: {notText?.Message}", InputObject, notText));
                        return;
                    }
                    AnswerAll(ids);
                    return;
                default:
                    // A bare $null given to -Id binds as a null array: treat it as one null ID, not as nothing.
                    AnswerAll(Id ?? NullId);
                    return;
            }
        }

        private void AnswerAll(string?[] ids)
        {
            foreach (string? id in ids)
            {
                Answer(id);
            }
        }

        private void Answer(string? id)
        {
            if (Detailed)
            {
                WriteObject(AssetIdValidator.Inspect(id));
            }
            else
            {
                // A boolean of its own for every answer (not one shared true and false):
                // PowerShell keeps a member added to a result with the boxed value, so a
                // shared one would carry a note added to one answer into every later answer.
                WriteObject(AssetIdValidator.IsValid(id));
            }
        }

        /// <summary>
        /// One boolean per body (true when every named field holds valid IDs), or with -Detailed
        /// one AssetIdInfo per value checked, with a Property note saying where it is.
        /// </summary>
        private void TestFields()
        {
            object? plain;
            object? raw = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
            if (raw is string json)
            {
                if (!JsonAnswer.TryRead(json, out plain, out string? problem))
                {
                    // Get-Content piped in sends a file line by line; no one line is the body.
                    string hint = FileLines.Source(InputObject) is string file
                        ? $" It is one line of {file}: Get-Content writes a file line by line, so read it whole with Get-Content -Raw."
                        : string.Empty;
                    WriteError(ErrorRecords.InvalidArgument("InvalidInputObject", $"-InputObject is a string, so it is read as JSON text, but it is not valid JSON: {problem}.{hint}", InputObject));
                    return;
                }
            }
            else if (FileLines.TryJoin(InputObject, out string fileText, out string fromFile))
            {
                if (!JsonAnswer.TryRead(fileText, out plain, out string? problem))
                {
                    WriteError(ErrorRecords.InvalidArgument("InvalidInputObject",
                        $"-InputObject holds the lines of {fromFile}, read by Get-Content, so they are read together as that file's JSON text, but it is not valid JSON: {problem}.", fromFile));
                    return;
                }
            }
            else
            {
                try
                {
                    plain = PowerShellToPlain.Convert(InputObject, "InputObject", "InvalidInputObject");
                }
                catch (RequestRefusedException e)
                {
                    WriteError(ErrorRecords.InvalidArgument(e.ErrorId, e.Message, InputObject, e));
                    return;
                }
            }

            System.Collections.Generic.IReadOnlyList<AssetIdFieldCheck> checks;
            try
            {
                checks = AssetIdFields.Check(plain, Property);
            }
            catch (System.ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidPropertyName", e.Message, Property, e));
                return;
            }
            if (!Detailed)
            {
                WriteObject(AssetIdFields.AllValid(checks));
                return;
            }
            foreach (var check in checks)
            {
                var output = PSObject.AsPSObject(check.Info);
                output.Properties.Add(new PSNoteProperty("Property", check.Path));
                WriteObject(output);
            }
        }
    }
}
