#Requires -Version 7.0
<#
.SYNOPSIS
    Runs (or only discovers) the Pester suite in this folder with the Pester that the build put in
    out/tools/Pester, and writes every test's outcome to a JSON file.
.DESCRIPTION
    `dotnet test FunnelFlux.sln` calls this through tests/FunnelFlux.PowerShell.Tests, which turns
    each Pester test into one xUnit row; you can also run it by hand after `dotnet build`:

        dotnet pwsh -NoProfile -File tests/Pester/Invoke-FFPesterSuite.ps1

    A test is known by its key: the file, the names of its blocks and its own name with its
    -ForEach data filled in (and ' #2', ' #3' ... should two tests still share all of that).
    Discovery and a run give the same keys in the same order.
.PARAMETER ResultPath
    Where to write the JSON result. Without it, only Pester's own output is shown.
.PARAMETER Discover
    Find the tests without running any (Pester's Run.SkipRun).
.PARAMETER PesterManifest
    The Pester.psd1 to import; by default the newest under out/tools/Pester.
#>
[CmdletBinding()]
param(
    [string] $ResultPath,
    [switch] $Discover,
    [string] $PesterManifest
)

$ErrorActionPreference = 'Stop'
$repositoryRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath

if (-not $PesterManifest) {
    $candidates = @(Get-ChildItem -Path (Join-Path $repositoryRoot 'out/tools/Pester/*/Pester.psd1') -File -ErrorAction SilentlyContinue |
        Sort-Object -Property { [version]$_.Directory.Name } -Descending)
    if ($candidates.Count -eq 0) {
        throw "Pester is not in out/tools/Pester. Run 'dotnet build FunnelFlux.sln' first: the build restores Pester from NuGet and puts it there."
    }
    $PesterManifest = $candidates[0].FullName
}
# -Force -Global: this exact copy, never one from PSModulePath.
$pester = Import-Module -Name $PesterManifest -Force -Global -PassThru

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Run.SkipRun = $Discover.IsPresent
$configuration.Output.Verbosity = if ($Discover) { 'None' } else { 'Normal' }

$run = Invoke-Pester -Configuration $configuration

function Get-FFErrorText {
    param([object[]] $ErrorRecord)
    @(foreach ($record in @($ErrorRecord)) {
            if ($null -eq $record) { continue }
            $message = if ($record.PSObject.Properties['DisplayErrorMessage']) { $record.DisplayErrorMessage } else { $record.Exception.Message }
            $stack = if ($record.PSObject.Properties['DisplayStackTrace']) { $record.DisplayStackTrace } else { $record.ScriptStackTrace }
            (@($message, $stack) | Where-Object { $_ }) -join [Environment]::NewLine
        }) -join ([Environment]::NewLine * 2)
}

function Get-FFTemplateName {
    # Fills <name> in a test's name from its -ForEach data, as Pester does when it runs the test.
    param([string] $Name, [object] $Data)
    [regex]::Replace($Name, '<([^<>]+)>', {
            param($match)
            $key = $match.Groups[1].Value
            if ($key -eq '_') { return "$Data" }
            if ($Data -is [System.Collections.IDictionary] -and $Data.Contains($key)) { return "$($Data[$key])" }
            $match.Value
        })
}

$seen = @{}
$tests = foreach ($test in $run.Tests) {
    $file = [System.IO.Path]::GetRelativePath($PSScriptRoot, $test.ScriptBlock.File).Replace('\', '/')
    $blocks = @($test.Path | Select-Object -SkipLast 1)
    # Filled in here in both modes (Pester fills names only when it runs a test), so the keys agree.
    $name = (@($file) + $blocks + (Get-FFTemplateName -Name $test.Name -Data $test.Data)) -join ' > '
    $seen[$name] = 1 + [int]$seen[$name]
    [ordered]@{
        key      = if ($seen[$name] -eq 1) { $name } else { '{0} #{1}' -f $name, $seen[$name] }
        file     = $file
        result   = "$($test.Result)"
        skip     = [bool]$test.Skip
        error    = Get-FFErrorText -ErrorRecord $test.ErrorRecord
        duration = [int]$test.Duration.TotalMilliseconds
    }
}

$failedBlocks = foreach ($block in @($run.FailedBlocks)) {
    [ordered]@{ name = ($block.Path -join ' > '); error = Get-FFErrorText -ErrorRecord $block.ErrorRecord }
}
$failedContainers = foreach ($container in @($run.FailedContainers)) {
    [ordered]@{ name = "$($container.Item)"; error = Get-FFErrorText -ErrorRecord $container.ErrorRecord }
}

$summary = [ordered]@{
    powershellVersion = $PSVersionTable.PSVersion.ToString()
    pesterVersion     = $pester.Version.ToString()
    discoverOnly      = $Discover.IsPresent
    result            = "$($run.Result)"
    passed            = $run.PassedCount
    failed            = $run.FailedCount
    skipped           = $run.SkippedCount
    notRun            = $run.NotRunCount
    tests             = @($tests)
    failedBlocks      = @($failedBlocks)
    failedContainers  = @($failedContainers)
}

if ($ResultPath) {
    $summary | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $ResultPath -Encoding utf8NoBOM
}
else {
    '{0} tests: {1} passed, {2} failed, {3} skipped' -f @($tests).Count, $run.PassedCount, $run.FailedCount, $run.SkippedCount
}
