using System.Text.RegularExpressions;
using FunnelFlux.PowerShell.Tests.Support;

namespace FunnelFlux.PowerShell.Tests.Readme;

/// <summary>
/// The README's ```powershell blocks with their doc-test markers, and the emulator command of its
/// bash blocks. A marker is an HTML comment on the last non-blank line above a block:
/// <c>&lt;!-- doc-test: skip (why) --&gt;</c>, <c>&lt;!-- doc-test: setup --&gt;</c> or
/// <c>&lt;!-- doc-test: after setup --&gt;</c>, the last two optionally followed by
/// <c>; files: a.csv, b.csv</c> (the block then runs in a folder holding those files, taken from
/// tests/FunnelFlux.PowerShell.Tests/Readme/Files).
/// </summary>
public sealed partial class ReadmeDocument
{
    public const string EmulatorProject = "tests/FunnelFlux.Emulator";

    private ReadmeDocument(IReadOnlyList<ReadmeBlock> blocks, IReadOnlyList<string> emulatorArguments)
    {
        Blocks = blocks;
        EmulatorArguments = emulatorArguments;
    }

    public static string Path => System.IO.Path.Combine(BuildLayout.RepoRoot, "README.md");

    public static ReadmeDocument Load() => Parse(File.ReadAllText(Path));

    public IReadOnlyList<ReadmeBlock> Blocks { get; }

    /// <summary>What the README tells a user to pass the emulator (after `dotnet run --project tests/FunnelFlux.Emulator --`).</summary>
    public IReadOnlyList<string> EmulatorArguments { get; }

    public ReadmeBlock SetupBlock => Blocks.Single(b => b.Kind == BlockKind.Setup);

    public static ReadmeDocument Parse(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<ReadmeBlock>();
        List<string>? emulatorArguments = null;
        string section = "(top)";
        for (int i = 0; i < lines.Length; i++)
        {
            if (Heading().Match(lines[i]) is { Success: true } heading)
            {
                section = heading.Groups[1].Value.Trim();
                continue;
            }
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }
            string language = lines[i][3..].Trim();
            int end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new FormatException($"README line {i + 1}: a code block is never closed.");
            }
            string code = string.Join("\n", lines[(i + 1)..end]) + "\n";
            if (language == "bash" && EmulatorCommand().Match(code) is { Success: true } command)
            {
                emulatorArguments ??= command.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            }
            if (language == "powershell")
            {
                blocks.Add(ReadBlock(blocks.Count + 1, i + 1, section, code, MarkerAbove(lines, i)));
            }
            i = end;
        }
        if (blocks.Count(b => b.Kind == BlockKind.Setup) != 1)
        {
            throw new FormatException("The README needs exactly one ```powershell block marked <!-- doc-test: setup --> (the import and connect lines the other examples start from).");
        }
        if (emulatorArguments is null)
        {
            throw new FormatException($"The README has no bash block that runs `dotnet run --project {EmulatorProject} -- ...`.");
        }
        return new ReadmeDocument(blocks, emulatorArguments);
    }

    private static string? MarkerAbove(string[] lines, int fence)
    {
        for (int j = fence - 1; j >= 0; j--)
        {
            if (lines[j].Trim().Length == 0)
            {
                continue;
            }
            return Marker().Match(lines[j]) is { Success: true } marker ? marker.Groups[1].Value.Trim() : null;
        }
        return null;
    }

    private static ReadmeBlock ReadBlock(int number, int line, string section, string code, string? marker)
    {
        if (marker is null)
        {
            return new ReadmeBlock(number, line, section, code, BlockKind.Standalone, null, Array.Empty<string>());
        }
        if (SkipMarker().Match(marker) is { Success: true } skip)
        {
            return new ReadmeBlock(number, line, section, code, BlockKind.Skip, skip.Groups[1].Value.Trim(), Array.Empty<string>());
        }
        if (RunMarker().Match(marker) is { Success: true } run)
        {
            var kind = run.Groups[1].Value == "setup" ? BlockKind.Setup : BlockKind.AfterSetup;
            var files = run.Groups[2].Success
                ? run.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : Array.Empty<string>();
            return new ReadmeBlock(number, line, section, code, kind, null, files);
        }
        throw new FormatException($"README line {line}: '<!-- doc-test: {marker} -->' is not a doc-test marker (skip (reason), setup, after setup, optionally '; files: a, b').");
    }

    [GeneratedRegex(@"^#{2,4}\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*<!--\s*doc-test:\s*(.+?)\s*-->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^skip\s*\((.+)\)$")]
    private static partial Regex SkipMarker();

    [GeneratedRegex(@"^(setup|after setup)\s*(?:;\s*files:\s*(.+))?$")]
    private static partial Regex RunMarker();

    [GeneratedRegex(@"^dotnet run --project tests/FunnelFlux\.Emulator -- (.+)$", RegexOptions.Multiline)]
    private static partial Regex EmulatorCommand();
}
