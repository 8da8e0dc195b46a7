#Requires -Version 7.0
<#
.SYNOPSIS
    One coexistence scenario, run in a fresh pwsh by Coexistence.Tests.ps1: another module's copy
    of a FunnelFlux dependency is loaded before (-Order OtherFirst) or after (-Order FunnelFluxFirst)
    FunnelFlux is imported and used against the emulator; both must keep working. Writes one JSON
    object to the output stream: what worked, the versions and load contexts seen, and any error.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ApiUri,
    [Parameter(Mandatory)] [string] $AccessToken,
    [Parameter(Mandatory)] [string] $RefreshToken,
    [Parameter(Mandatory)] [ValidateSet('Polly', 'SystemTextJson')] [string] $Other,
    # Polly: the Polly.Core.dll to load (net8.0 or netstandard2.0 build) and, for the
    # netstandard2.0 build, the dlls it needs that PowerShell does not have (Microsoft.Bcl.TimeProvider).
    # SystemTextJson: the System.Text.Json.dll to load, in a load context of its own, as a module
    # that isolates itself would (the runtime's own copy already holds the default context).
    [Parameter(Mandatory)] [string] $OtherPath,
    [string[]] $OtherDependencies = @(),
    [Parameter(Mandatory)] [ValidateSet('OtherFirst', 'FunnelFluxFirst')] [string] $Order,
    [Parameter(Mandatory)] [string] $Domain
)

$ErrorActionPreference = 'Stop'
$result = [ordered]@{ steps = [System.Collections.Generic.List[string]]::new(); error = $null }

function Use-OtherCopy {
    if ($Other -eq 'Polly') {
        if (-not $script:otherPipeline) {
            foreach ($dependency in $OtherDependencies) { Add-Type -Path $dependency }
            Add-Type -Path $OtherPath
            $builder = [Polly.ResiliencePipelineBuilder]::new()
            $options = [Polly.Retry.RetryStrategyOptions]::new()
            $options.MaxRetryAttempts = 2
            $options.Delay = [TimeSpan]::Zero
            $script:otherPipeline = [Polly.RetryResiliencePipelineBuilderExtensions]::AddRetry($builder, $options).Build()
            $script:otherAssembly = [Polly.ResiliencePipeline].Assembly
        }
        $script:attempts = 0
        $answer = $script:otherPipeline.Execute([Func[int]] { $script:attempts++; if ($script:attempts -lt 2) { throw 'first try fails' }; 42 })
        if ($answer -ne 42 -or $script:attempts -ne 2) { throw "The other Polly answered $answer after $($script:attempts) attempts." }
    }
    else {
        if (-not $script:otherAssembly) {
            $context = [System.Runtime.Loader.AssemblyLoadContext]::new('another-module', $false)
            $script:otherAssembly = $context.LoadFromAssemblyPath($OtherPath)
        }
        $documentType = $script:otherAssembly.GetType('System.Text.Json.JsonDocument', $true)
        $optionsType = $script:otherAssembly.GetType('System.Text.Json.JsonDocumentOptions', $true)
        $parse = $documentType.GetMethod('Parse', [type[]] @([string], $optionsType))
        $document = $parse.Invoke($null, @('{"answer":42}', [Activator]::CreateInstance($optionsType)))
        $answer = $document.RootElement.GetProperty('answer').GetInt32()
        if ($answer -ne 42) { throw "The other System.Text.Json read $answer." }
    }
    $result.steps.Add('other used')
}

function Use-FunnelFlux {
    if (-not (Get-Module FunnelFlux)) {
        Import-Module $ModuleManifest
        Connect-FFAccount -ApiUri $ApiUri -AccessToken (ConvertTo-SecureString $AccessToken -AsPlainText -Force) -RefreshToken (ConvertTo-SecureString $RefreshToken -AsPlainText -Force)
        $result.steps.Add('connected')
    }
    $created = New-FFDomain $Domain -InformationAction Ignore
    if ($created.Name -ne $Domain) { throw "New-FFDomain returned '$($created.Name)'." }
    $listed = @(Get-FFDomain | Where-Object Name -eq $Domain)
    if ($listed.Count -ne 1) { throw "Get-FFDomain listed $($listed.Count) domains named $Domain." }
    $refreshed = Invoke-FFDomainRefresh $Domain
    if ($refreshed.Name -ne $Domain) { throw "Invoke-FFDomainRefresh returned '$($refreshed.Name)'." }
    Remove-FFDomain $Domain -Force
    $result.steps.Add('funnelflux used')
}

try {
    if ($Order -eq 'OtherFirst') {
        Use-OtherCopy
        Use-FunnelFlux
        Use-OtherCopy
    }
    else {
        Use-FunnelFlux
        Use-OtherCopy
        Use-FunnelFlux
    }
}
catch {
    $result.error = "$($_.Exception.GetType().FullName): $($_.Exception.Message) at $($_.InvocationInfo.PositionMessage)"
}

$default = [System.Runtime.Loader.AssemblyLoadContext]::Default
$result.loaded = @(
    foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
        $name = $assembly.GetName()
        if ($name.Name -in 'FunnelFlux', 'FunnelFlux.Models', 'FunnelFlux.Core', 'Polly.Core', 'System.Text.Json') {
            $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
            [ordered]@{
                name     = $name.Name
                version  = $name.Version.ToString()
                location = $assembly.Location
                context  = if ($context -eq $default) { 'Default' } else { $context.GetType().FullName + ':' + $context.Name }
            }
        }
    })
$result | ConvertTo-Json -Depth 4 -Compress
