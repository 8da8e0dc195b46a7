using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>
/// A PSHost that keeps what the engine prints (Out-Default tables, "What if:" lines, prompts)
/// and answers confirmation prompts with a scripted choice. The default host would drop it all.
/// </summary>
public sealed class CapturingHost : PSHost
{
    private readonly CapturingHostUI _ui = new();
    private readonly Guid _id = Guid.NewGuid();

    public override string Name => "FunnelFluxTestHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId => _id;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override PSHostUserInterface UI => _ui;

    public CapturingHostUI CapturingUI => _ui;

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

public sealed class CapturingHostUI : PSHostUserInterface
{
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();
    private readonly FixedRawUI _rawUI = new();

    /// <summary>Every prompt shown (caption and message), in order.</summary>
    public List<string> Prompts { get; } = new();

    /// <summary>The label of the choice to pick when a prompt appears (for example "&amp;Yes" or "&amp;No").</summary>
    public string? ChoiceToPick { get; set; }

    /// <summary>Progress records, in the order the engine reported them.</summary>
    public List<ProgressRecord> Progress { get; } = new();

    public override PSHostRawUserInterface RawUI => _rawUI;

    public string TakeText()
    {
        lock (_gate)
        {
            // PowerShell 7.6 colours table headers even for a plain host; strip the escapes.
            string text = GetOutputString(_text.ToString(), false);
            _text.Clear();
            return text;
        }
    }

    private void Append(string value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string value) => Append(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
    public override void WriteLine(string value) => Append(value + "\n");
    public override void WriteErrorLine(string value) => Append(value + "\n");
    public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");
    public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");
    public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");
    // The engine shows host information (Write-Host) through WriteLine; WriteInformation only
    // mirrors it for transcripts, so keeping both would print it twice.
    public override void WriteInformation(InformationRecord record) { }

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        lock (_gate)
        {
            Progress.Add(record);
        }
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions)
        => throw new NotSupportedException("Tests do not answer free-text prompts.");

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
    {
        lock (_gate)
        {
            Prompts.Add(caption + ": " + message);
        }
        if (ChoiceToPick is null)
        {
            throw new InvalidOperationException($"Unexpected prompt: {caption}: {message}");
        }
        for (int i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i].Label, ChoiceToPick, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        throw new InvalidOperationException($"Prompt has no choice '{ChoiceToPick}'.");
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        => throw new NotSupportedException();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        => throw new NotSupportedException();

    public override string ReadLine() => throw new NotSupportedException("Tests do not read from the console.");
    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
}

/// <summary>A fixed-size console so table formatting is the same on every machine.</summary>
internal sealed class FixedRawUI : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;
    public override Size BufferSize { get; set; } = new(160, 3000);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(160, 100);
    public override Size MaxWindowSize => new(160, 100);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(160, 100);
    public override string WindowTitle { get; set; } = "FunnelFlux tests";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
