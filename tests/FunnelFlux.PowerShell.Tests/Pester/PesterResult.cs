using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.PowerShell.Tests.Pester;

/// <summary>The JSON that tests/Pester/Invoke-FFPesterSuite.ps1 writes.</summary>
public sealed class PesterResult
{
    [JsonPropertyName("powershellVersion")] public string PowerShellVersion { get; init; } = "";
    [JsonPropertyName("pesterVersion")] public string PesterVersion { get; init; } = "";
    [JsonPropertyName("discoverOnly")] public bool DiscoverOnly { get; init; }
    [JsonPropertyName("result")] public string Result { get; init; } = "";
    [JsonPropertyName("passed")] public int Passed { get; init; }
    [JsonPropertyName("failed")] public int Failed { get; init; }
    [JsonPropertyName("skipped")] public int Skipped { get; init; }
    [JsonPropertyName("tests")] public List<PesterTestResult> Tests { get; init; } = new();
    [JsonPropertyName("failedBlocks")] public List<PesterFailure> FailedBlocks { get; init; } = new();
    [JsonPropertyName("failedContainers")] public List<PesterFailure> FailedContainers { get; init; } = new();

    public static PesterResult Read(string path) =>
        JsonSerializer.Deserialize<PesterResult>(File.ReadAllText(path))
        ?? throw new InvalidOperationException($"{path} holds no Pester result.");
}

public sealed class PesterTestResult
{
    /// <summary>File, blocks and name with the -ForEach data filled in: the same in discovery and in the run.</summary>
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("file")] public string File { get; init; } = "";
    /// <summary>Passed, Failed, Skipped, NotRun or Inconclusive.</summary>
    [JsonPropertyName("result")] public string Result { get; init; } = "";
    [JsonPropertyName("skip")] public bool Skip { get; init; }
    [JsonPropertyName("error")] public string Error { get; init; } = "";
    [JsonPropertyName("duration")] public int DurationMilliseconds { get; init; }
}

public sealed class PesterFailure
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("error")] public string Error { get; init; } = "";
}
