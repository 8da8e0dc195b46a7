#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests or packages the FunnelFlux module. A thin wrapper over the dotnet commands
    that the README shows; nothing here is needed by CI.
.EXAMPLE
    ./build.ps1                 # dotnet build: lays out out/FunnelFlux/
.EXAMPLE
    ./build.ps1 -Task Test      # dotnet test, then the Pester suite when Pester 5 is installed
.EXAMPLE
    ./build.ps1 -Task Package   # dotnet pack: a Gallery-ready .nupkg in out/package/
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Build' {
        Invoke-Dotnet build FunnelFlux.sln -c $Configuration
        Write-Host "Module laid out in $(Join-Path $PSScriptRoot 'out/FunnelFlux')"
    }
    'Test' {
        Invoke-Dotnet test FunnelFlux.sln -c $Configuration
        $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -ge 5 } | Select-Object -First 1
        if ($pester) {
            Import-Module $pester -Force
            $config = New-PesterConfiguration
            $config.Run.Path = Join-Path $PSScriptRoot 'tests/Pester'
            $config.Run.Exit = $true
            $config.Output.Verbosity = 'Detailed'
            Invoke-Pester -Configuration $config
        }
        else {
            Write-Warning 'Pester 5 is not installed; skipped the Pester suite. Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
        }
    }
    'Package' {
        Invoke-Dotnet pack src/FunnelFlux/FunnelFlux.csproj -c Release -o out/package
    }
}
