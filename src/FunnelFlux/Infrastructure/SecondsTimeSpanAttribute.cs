using System;
using System.Globalization;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Lets a TimeSpan parameter take a number of seconds (-Interval 45) as well as a TimeSpan or
    /// its text ('00:30:00'). Without it PowerShell would read 45 as 45 ticks.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecondsTimeSpanAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case TimeSpan span:
                    return span;
                case int _:
                case long _:
                case double _:
                case float _:
                case decimal _:
                case short _:
                    return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                case string text:
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                    {
                        return TimeSpan.FromSeconds(seconds);
                    }
                    if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return parsed;
                    }
                    throw new ArgumentTransformationMetadataException(
                        $"'{text}' is not a duration. Give a number of seconds (90) or a time span ('00:01:30').");
                default:
                    return inputData;
            }
        }
    }
}
