using System.Management.Automation;

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>Everything one script run produced, stream by stream.</summary>
public sealed class ScriptResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<DebugRecord> Debug { get; init; }
    public required IReadOnlyList<InformationRecord> Information { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>What the host printed: Out-Default tables, What if: lines, prompts' text.</summary>
    public required string HostText { get; init; }

    /// <summary>The terminating error, if the script stopped on one.</summary>
    public Exception? Exception { get; init; }

    public ErrorRecord? TerminatingError => (Exception as IContainsErrorRecord)?.ErrorRecord;

    /// <summary>Every error: non-terminating records and the terminating one.</summary>
    public IEnumerable<ErrorRecord> AllErrors =>
        TerminatingError is null ? Errors : Errors.Append(TerminatingError);

    public IEnumerable<T> OutputAs<T>() => Output.Select(o => (T)o.BaseObject);

    /// <summary>All text a user could see, for leak checks: every stream, the host, and exception messages.</summary>
    public string AllText()
    {
        var parts = new List<string?> { HostText };
        parts.AddRange(Output.Select(o => o?.ToString()));
        foreach (var e in AllErrors)
        {
            parts.Add(e.ToString());
            parts.Add(e.Exception?.ToString());
            parts.Add(e.ErrorDetails?.Message);
            parts.Add(e.ErrorDetails?.RecommendedAction);
            parts.Add(e.TargetObject?.ToString());
        }
        parts.AddRange(Warnings.Select(w => w.Message));
        parts.AddRange(Verbose.Select(v => v.Message));
        parts.AddRange(Debug.Select(d => d.Message));
        parts.AddRange(Information.Select(i => i.MessageData?.ToString()));
        parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
        parts.Add(Exception?.ToString());
        return string.Join("\n", parts.Where(p => p is not null));
    }

    public override string ToString() =>
        $"{Output.Count} output, {Errors.Count} error(s){(Exception is null ? "" : ", terminated: " + Exception.Message)}" +
        string.Concat(Errors.Select(e => "\n  " + e.FullyQualifiedErrorId + ": " + e));
}
