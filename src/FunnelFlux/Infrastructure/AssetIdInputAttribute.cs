using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Lets -Id take what the pipeline takes: an object with an Id property holding text (an
    /// Import-Csv row, a ConvertFrom-Json item), or a list of them, binds as those IDs. Without
    /// this, PowerShell would bind such a row as its text, "@{Id=...}", and a valid ID would test
    /// False with no hint why. Strings, and everything else, pass through untouched.
    /// </summary>
    public sealed class AssetIdInputAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
            PipedIds.ForIdParameter(inputData);
    }
}
