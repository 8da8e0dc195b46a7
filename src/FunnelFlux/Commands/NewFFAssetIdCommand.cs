using System;
using System.Management.Automation;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Ids;

namespace FunnelFlux.Commands
{
    /// <summary>
    /// New-FFAssetId: generates FunnelFlux asset IDs as plain strings, from the process's one
    /// generator, so IDs made on the clock ascend across calls and runspaces.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FFAssetId")]
    [OutputType(typeof(string))]
    public sealed class NewFFAssetIdCommand : PSCmdlet
    {
        public const int MaxCount = 1_000_000;

        /// <summary>How many IDs to make.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(1, MaxCount)]
        public int Count { get; set; } = 1;

        /// <summary>The time every ID carries; defaults to the current time of each ID.</summary>
        [Parameter]
        public DateTimeOffset Timestamp { get; set; }

        protected override void EndProcessing()
        {
            DateTimeOffset? timestamp = null;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Timestamp)))
            {
                if (!AssetIdFormat.IsInRange(Timestamp))
                {
                    // The message alone: ArgumentOutOfRangeException would add " (Parameter 'Timestamp')".
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("AssetIdTimestampOutOfRange",
                        $"Cannot make an asset ID for {InvariantText.UtcIso(Timestamp)}: " +
                        $"the FunnelFlux ID format only holds times from {InvariantText.UtcIso(AssetIdFormat.MinTimestamp)} " +
                        $"to {InvariantText.UtcIso(AssetIdFormat.MaxTimestamp)}. Pass a time in that range, or omit -Timestamp to use the current time.",
                        Timestamp));
                }
                timestamp = Timestamp;
            }

            // One generator per process: IDs ascend across calls and runspaces, and no call pays
            // for a new random source. Batches spare an enumerator call per ID.
            foreach (ArraySegment<string> batch in AssetIdGenerator.Shared.GenerateInBatches(Count, timestamp))
            {
                string[] ids = batch.Array!;
                for (int i = batch.Offset; i < batch.Offset + batch.Count; i++)
                {
                    WriteObject(ids[i]);
                }
            }
        }
    }
}
