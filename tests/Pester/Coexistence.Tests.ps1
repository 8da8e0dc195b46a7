#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# FunnelFlux beside other modules' copies of its dependencies, in real pwsh: another Polly.Core
# (8.5.2 and 8.6.5, each in its net8.0 and netstandard2.0 build) or another System.Text.Json loaded
# before or after FunnelFlux, with both sides used in the same session; and two copies of the
# module itself imported one after the other. Each scenario runs in a fresh pwsh process, because
# what is loaded first is the point. The other copies come from NuGet, restored by the build of
# tests/FunnelFlux.PowerShell.Tests (FUNNELFLUX_TEST_PACKAGES), or from ~/.nuget/packages by hand.

BeforeDiscovery {
    $pollyScenarios = foreach ($order in 'OtherFirst', 'FunnelFluxFirst') {
        foreach ($version in '8.5.2', '8.6.5') {
            foreach ($framework in 'net8.0', 'netstandard2.0') {
                @{ Order = $order; Version = $version; Framework = $framework }
            }
        }
    }
}

Describe 'FunnelFlux beside other copies of its dependencies' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Emulator.ps1')
        $savedEnvironment = Enter-FFTestEnvironment -SessionPath (Join-Path $TestDrive 'session.json')
        $emulator = Start-FFTestEmulator
        $manifest = Get-FFTestModuleManifest
        $packages = if ($env:FUNNELFLUX_TEST_PACKAGES) { $env:FUNNELFLUX_TEST_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $scenarioScript = Join-Path $PSScriptRoot 'Coexistence/Invoke-FFCoexistenceScenario.ps1'
        $script:domainNumber = 0

        function Get-FFTestPackageFile {
            param([string] $Id, [string] $Version, [string] $Framework, [string] $File)
            $path = Join-Path $packages "$Id/$Version/lib/$Framework/$File"
            if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
                throw "$Id $Version ($Framework) is not restored at '$path'. Build tests/FunnelFlux.PowerShell.Tests, which downloads it, or set FUNNELFLUX_TEST_PACKAGES."
            }
            $path
        }

        function Invoke-FFTestScenario {
            param([hashtable] $Arguments)
            $script:domainNumber++
            $Arguments['Domain'] = "coexist$($script:domainNumber).example.com"
            $Arguments['ModuleManifest'] = $manifest
            $Arguments['ApiUri'] = $emulator.BaseUri.AbsoluteUri
            $Arguments['AccessToken'] = $emulator.AccessToken
            $Arguments['RefreshToken'] = $emulator.RefreshToken
            $argumentList = @('-NoProfile', '-NonInteractive', '-File', $scenarioScript)
            foreach ($name in $Arguments.Keys) {
                # An empty list cannot be passed on a command line: leave such a parameter out.
                if ($Arguments[$name] -is [array] -and $Arguments[$name].Count -eq 0) { continue }
                $argumentList += "-$name"
                $argumentList += $Arguments[$name]
            }
            $output = & (Get-FFTestPowerShellPath) @argumentList 2>&1
            $text = ($output | ForEach-Object { "$_" }) -join [Environment]::NewLine
            foreach ($token in $emulator.AccessToken, $emulator.RefreshToken) {
                $text.Contains($token) | Should -BeFalse -Because 'no token may appear in any output'
            }
            $json = @($output | Where-Object { "$_".StartsWith('{"steps"') })
            $json | Should -HaveCount 1 -Because "the scenario writes one result; its output was:`n$text"
            $json[0] | ConvertFrom-Json
        }
    }

    AfterAll {
        Stop-FFTestEmulator -Emulator $emulator
        Exit-FFTestEnvironment -Saved $savedEnvironment
    }

    It 'works with Polly.Core <Version> (<Framework>) loaded <Order>, and so does the other copy' -ForEach $pollyScenarios {
        $dependencies = @()
        if ($Framework -eq 'netstandard2.0') {
            # What a module shipping that build carries beside it; PowerShell itself has the rest.
            $dependencies = @(Get-FFTestPackageFile -Id 'microsoft.bcl.timeprovider' -Version '8.0.1' -Framework 'netstandard2.0' -File 'Microsoft.Bcl.TimeProvider.dll')
        }
        $result = Invoke-FFTestScenario @{
            Other             = 'Polly'
            OtherPath         = Get-FFTestPackageFile -Id 'polly.core' -Version $Version -Framework $Framework -File 'Polly.Core.dll'
            OtherDependencies = $dependencies
            Order             = $Order
        }

        $result.error | Should -BeNullOrEmpty
        $expectedSteps = if ($Order -eq 'OtherFirst') { 'other used', 'connected', 'funnelflux used', 'other used' } else { 'connected', 'funnelflux used', 'other used', 'funnelflux used' }
        @($result.steps) | Should -Be $expectedSteps
        $polly = @($result.loaded | Where-Object name -eq 'Polly.Core')
        $polly | Should -HaveCount 2 -Because 'the other copy and ours are both loaded, side by side'
        $ours = @($polly | Where-Object context -ne 'Default')
        $theirs = @($polly | Where-Object context -eq 'Default')
        $ours | Should -HaveCount 1
        $theirs | Should -HaveCount 1
        $ours[0].location | Should -BeLike '*dependencies*net8.0*Polly.Core.dll'
        $ours[0].context | Should -BeLike 'FunnelFlux.Commands.Loading.PrivateLoadContext*'
        $theirs[0].location | Should -BeLike "*$Version*$Framework*Polly.Core.dll"
        @($result.loaded | Where-Object name -eq 'FunnelFlux.Core')[0].context | Should -Be $ours[0].context
    }

    It 'works with another System.Text.Json loaded <_>, and so does the other copy' -ForEach 'OtherFirst', 'FunnelFluxFirst' {
        $result = Invoke-FFTestScenario @{
            Other     = 'SystemTextJson'
            OtherPath = Get-FFTestPackageFile -Id 'system.text.json' -Version '9.0.0' -Framework 'net8.0' -File 'System.Text.Json.dll'
            Order     = $_
        }

        $result.error | Should -BeNullOrEmpty
        @($result.steps) | Should -Contain 'funnelflux used'
        @($result.steps) | Should -Contain 'other used'
        $json = @($result.loaded | Where-Object name -eq 'System.Text.Json')
        @($json | Where-Object version -like '9.*') | Should -HaveCount 1
        # On PowerShell 7 the module ships no System.Text.Json: the core uses the runtime's.
        @($json | Where-Object location -like '*FunnelFlux*') | Should -HaveCount 0
    }
}

Describe 'Two copies of FunnelFlux in one session' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Emulator.ps1')
        $savedEnvironment = Enter-FFTestEnvironment -SessionPath (Join-Path $TestDrive 'session.json')
        $emulator = Start-FFTestEmulator
        $built = Split-Path -Parent (Get-FFTestModuleManifest)
        # A second copy, as an installed module would be: same build, another folder, and a
        # manifest that says it is another (older) version.
        $installed = Join-Path $TestDrive 'Modules/FunnelFlux/0.0.9'
        $null = New-Item -ItemType Directory -Path $installed -Force
        Copy-Item -Path (Join-Path $built '*') -Destination $installed -Recurse
        $installedManifest = Join-Path $installed 'FunnelFlux.psd1'
        (Get-Content -LiteralPath $installedManifest -Raw) -replace "ModuleVersion\s*=\s*'[^']+'", "ModuleVersion        = '0.0.9'" |
            Set-Content -LiteralPath $installedManifest -NoNewline
        $script:copyScript = {
            param($First, $Second, $ApiUri, $AccessToken, $RefreshToken)
            $ErrorActionPreference = 'Stop'
            Import-Module $First
            $secondError = $null
            try { Import-Module $Second -ErrorAction Stop } catch { $secondError = $_.Exception.Message }
            Connect-FFAccount -ApiUri $ApiUri -AccessToken (ConvertTo-SecureString $AccessToken -AsPlainText -Force) -RefreshToken (ConvertTo-SecureString $RefreshToken -AsPlainText -Force)
            # Under -ErrorAction Stop: a listing that fails ends the script without a result.
            $names = @(Get-FFDomain | ForEach-Object Name)
            [pscustomobject]@{
                SecondError = $secondError
                Modules     = @(Get-Module FunnelFlux | ForEach-Object { "$($_.Version)|$($_.ModuleBase)" })
                Commands    = @(Get-Command -Module FunnelFlux).Count
                Listed      = $names.Count
                NewId       = Test-FFAssetId (New-FFAssetId)
                Dll         = (Get-Command Get-FFDomain).DLL
            } | ConvertTo-Json -Compress
        }.ToString()
    }

    AfterAll {
        Stop-FFTestEmulator -Emulator $emulator
        Exit-FFTestEnvironment -Saved $savedEnvironment
    }

    It 'imports the <Name> without a half-loaded module' -ForEach @(
        @{ Name = 'installed copy after the built folder'; FirstIsBuilt = $true }
        @{ Name = 'built folder after the installed copy'; FirstIsBuilt = $false }
    ) {
        $builtManifest = Get-FFTestModuleManifest
        $first, $second = if ($FirstIsBuilt) { $builtManifest, $installedManifest } else { $installedManifest, $builtManifest }
        $command = "& { $copyScript } '$first' '$second' '$($emulator.BaseUri.AbsoluteUri)' '$($emulator.AccessToken)' '$($emulator.RefreshToken)'"
        $output = & (Get-FFTestPowerShellPath) -NoProfile -NonInteractive -Command $command 2>&1
        $text = ($output | ForEach-Object { "$_" }) -join [Environment]::NewLine
        $json = @($output | Where-Object { "$_".StartsWith('{') })
        $json | Should -HaveCount 1 -Because "the session reports once; its output was:`n$text"
        $result = $json[0] | ConvertFrom-Json
        Write-Host "second import: $(if ($result.SecondError) { $result.SecondError } else { 'worked' }); modules: $($result.Modules -join ', ')"

        # Both copies carry the same FunnelFlux.dll, which PowerShell loads once: the second
        # import either works in full or says why, and the first copy keeps working either way.
        $result.Commands | Should -BeGreaterOrEqual 11
        $result.NewId | Should -BeTrue
        $result.Dll | Should -Be (Join-Path (Split-Path -Parent $first) 'FunnelFlux.dll')
        if ($result.SecondError) {
            @($result.Modules) | Should -HaveCount 1
        }
        else {
            @($result.Modules) | Should -HaveCount 2
        }
    }
}

Describe 'Remove-Module in one runspace of a process that several use' {
    # The hook that finds FunnelFlux.Core is the process's. Each scenario runs in a fresh pwsh,
    # because it only shows while no cmdlet has yet loaded the core.
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Emulator.ps1')
        $manifest = Get-FFTestModuleManifest

        function Invoke-FFTestFreshSession {
            param([string] $Script)
            $command = "`$ErrorActionPreference = 'Stop'; `$m = '$manifest'; $Script"
            $output = & (Get-FFTestPowerShellPath) -NoProfile -NonInteractive -Command $command 2>&1
            ($output | ForEach-Object { "$_" }) -join [Environment]::NewLine
        }
    }

    It 'keeps the module working here after another runspace imported and removed it' {
        $text = Invoke-FFTestFreshSession @'
Import-Module $m
$other = [powershell]::Create()
$null = $other.AddScript({ param($path) Import-Module $path; Remove-Module FunnelFlux }).AddArgument($m).Invoke()
$other.Dispose()
"result: $(Test-FFAssetId (New-FFAssetId))"
'@
        $text | Should -BeExactly 'result: True' -Because "a thread job that tidies up after itself must not break its caller; the session said:`n$text"
    }

    It 'keeps the module working in another runspace after this one removed it' {
        $text = Invoke-FFTestFreshSession @'
Import-Module $m
$other = [powershell]::Create()
$null = $other.AddScript({ param($path) Import-Module $path }).AddArgument($m).Invoke()
Remove-Module FunnelFlux
$other.Commands.Clear()
$answer = $other.AddScript({ Test-FFAssetId (New-FFAssetId) }).Invoke()
"result: $answer; errors: $($other.Streams.Error.Count)"
'@
        $text | Should -BeExactly 'result: True; errors: 0' -Because "the other runspace still has the module imported; the session said:`n$text"
    }

    It 'imports again after every runspace removed it' {
        $text = Invoke-FFTestFreshSession @'
Import-Module $m
$other = [powershell]::Create()
$null = $other.AddScript({ param($path) Import-Module $path; Remove-Module FunnelFlux }).AddArgument($m).Invoke()
$other.Dispose()
Remove-Module FunnelFlux
Import-Module $m
"result: $(Test-FFAssetId (New-FFAssetId))"
'@
        $text | Should -BeExactly 'result: True' -Because "the session said:`n$text"
    }
}
