using System;
using System.Globalization;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// For an int "...Sec" parameter (PowerShell's own convention, as in Invoke-WebRequest
    /// -TimeoutSec): takes a number of seconds, and also a TimeSpan or its text ('00:30:00'), so
    /// that the older TimeSpan form still works through the parameter's alias. Parts of a second
    /// round up: a wait is never shorter than asked.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecondsAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case TimeSpan span:
                    return ToSeconds(span.TotalSeconds, span.ToString());
                case string text:
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                    {
                        return ToSeconds(seconds, text);
                    }
                    if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return ToSeconds(parsed.TotalSeconds, text);
                    }
                    throw new ArgumentTransformationMetadataException(
                        $"'{text}' is not a duration. Give a number of seconds (90) or a time span ('00:01:30').");
                case double d:
                    return ToSeconds(d, d.ToString(CultureInfo.InvariantCulture));
                case float f:
                    return ToSeconds(f, f.ToString(CultureInfo.InvariantCulture));
                case decimal m:
                    return ToSeconds((double)m, m.ToString(CultureInfo.InvariantCulture));
                default:
                    // Integers and anything else: PowerShell's own conversion to int decides.
                    return inputData;
            }
        }

        private static int ToSeconds(double seconds, string shown)
        {
            if (double.IsNaN(seconds) || seconds > int.MaxValue || seconds < int.MinValue)
            {
                throw new ArgumentTransformationMetadataException($"'{shown}' is not a number of seconds this cmdlet can wait.");
            }
            return (int)Math.Ceiling(seconds);
        }
    }
}
