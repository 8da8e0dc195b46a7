#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, packages or tries the FunnelFlux module. A thin wrapper over the dotnet
    commands that the README shows; nothing here is needed by CI.
.EXAMPLE
    ./build.ps1                 # dotnet build: lays out out/FunnelFlux/
.EXAMPLE
    ./build.ps1 -Task Test      # dotnet test: every suite, the Pester one in real pwsh included
.EXAMPLE
    ./build.ps1 -Task Package   # dotnet pack: a Gallery-ready .nupkg in out/package/
.EXAMPLE
    ./build.ps1 -Task Try       # an emulator with sample domains, and a connected pwsh
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Try')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Try: run what was built last instead of building first.
    [switch] $NoBuild
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
    }
    'Package' {
        Invoke-Dotnet pack src/FunnelFlux/FunnelFlux.csproj -c Release -o out/package
    }
    'Try' {
        $arguments = @('run', '--project', 'tools/FunnelFlux.Try', '-c', $Configuration)
        if ($NoBuild) { $arguments += '--no-build' }
        # The exit code is the shell's: leaving it with 'exit 3' is no build failure.
        & dotnet @arguments
        exit $LASTEXITCODE
    }
}
