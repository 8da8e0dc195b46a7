# Helpers shared by the Pester suites; dot-source this file in a BeforeAll (or BeforeDiscovery) block:
#
#     . (Join-Path $PSScriptRoot 'Emulator.ps1')
#
# Import-FFTestModule          imports the laid-out module from out/FunnelFlux (after a dotnet build)
# Enter-/Exit-FFTestEnvironment  save, isolate and restore the FUNNELFLUX_* environment variables
# Start-/Stop-FFTestEmulator   run the local FunnelFlux API emulator (tests/FunnelFlux.Emulator) on a
#                              free loopback port, and stop it again
#
# `dotnet test FunnelFlux.sln` runs the suite in real pwsh (tests/FunnelFlux.PowerShell.Tests); by
# hand, after a build: dotnet pwsh -NoProfile -File tests/Pester/Invoke-FFPesterSuite.ps1
# Needs PowerShell 7 and the .NET SDK (dotnet on PATH); Pester comes with the build (out/tools).

function Get-FFTestRepositoryRoot {
    # $PSScriptRoot is the folder of this file (tests/Pester), wherever the function is called from.
    (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
}

function Get-FFTestModuleManifest {
    Join-Path (Get-FFTestRepositoryRoot) 'out/FunnelFlux/FunnelFlux.psd1'
}

function Import-FFTestModule {
    # Imports exactly the folder that 'dotnet build' lays out, as the xUnit tests do.
    $manifest = Get-FFTestModuleManifest
    if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) {
        throw "The FunnelFlux module is not built: '$manifest' does not exist. Run 'dotnet build FunnelFlux.sln' first (or ./build.ps1), then run the tests again."
    }
    Import-Module -Name $manifest -Force -Global -PassThru -ErrorAction Stop
}

function Enter-FFTestEnvironment {
    # Saves every FUNNELFLUX_* environment variable, removes them (so a contributor's own settings,
    # such as FUNNELFLUX_API_URI or a real token, can never reach the tests; FUNNELFLUX_TEST_*, which
    # the test harness sets to say where the build put things, stay), and points
    # FUNNELFLUX_SESSION_PATH at -SessionPath, so that no test reads, writes or deletes the
    # contributor's real saved session. Returns what Exit-FFTestEnvironment needs to restore them.
    param(
        [Parameter(Mandatory = $true)]
        [string] $SessionPath
    )
    $saved = @{}
    foreach ($item in @(Get-ChildItem -Path Env: | Where-Object { $_.Name -like 'FUNNELFLUX_*' -and $_.Name -notlike 'FUNNELFLUX_TEST_*' })) {
        $saved[$item.Name] = $item.Value
    }
    foreach ($name in @($saved.Keys)) {
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    [Environment]::SetEnvironmentVariable('FUNNELFLUX_SESSION_PATH', $SessionPath)
    $saved
}

function Exit-FFTestEnvironment {
    # Puts the FUNNELFLUX_* variables back as Enter-FFTestEnvironment found them. Does nothing when
    # given nothing (Enter-FFTestEnvironment never ran), so it is safe in any AfterAll.
    param(
        [hashtable] $Saved
    )
    if ($null -eq $Saved) {
        return
    }
    foreach ($item in @(Get-ChildItem -Path Env: | Where-Object { $_.Name -like 'FUNNELFLUX_*' -and $_.Name -notlike 'FUNNELFLUX_TEST_*' })) {
        [Environment]::SetEnvironmentVariable($item.Name, $null)
    }
    foreach ($name in @($Saved.Keys)) {
        [Environment]::SetEnvironmentVariable($name, $Saved[$name])
    }
}

function Get-FFTestPowerShellPath {
    # The executable of the PowerShell running the tests, to start a fresh session of the same kind.
    if ($PSVersionTable.PSEdition -eq 'Core') {
        if ($IsWindows) {
            $name = 'pwsh.exe'
        }
        else {
            $name = 'pwsh'
        }
    }
    else {
        $name = 'powershell.exe'
    }
    Join-Path $PSHOME $name
}

function Get-FFTestEmulatorProgram {
    # The emulator's dll. `dotnet test` (tests/FunnelFlux.PowerShell.Tests) passes the copy its
    # build made in FUNNELFLUX_TEST_EMULATOR; run by hand, the emulator is built once per process.
    param([string] $DotnetPath)
    if ($env:FUNNELFLUX_TEST_EMULATOR) {
        if (-not (Test-Path -LiteralPath $env:FUNNELFLUX_TEST_EMULATOR -PathType Leaf)) {
            throw "FUNNELFLUX_TEST_EMULATOR points at '$env:FUNNELFLUX_TEST_EMULATOR', which does not exist."
        }
        return Get-Item -LiteralPath $env:FUNNELFLUX_TEST_EMULATOR
    }
    $project = Join-Path (Get-FFTestRepositoryRoot) 'tests/FunnelFlux.Emulator'
    # Not 'dotnet run', which builds on every start. The flag lives in the AppDomain so that it
    # outlasts each test file's scopes without a global variable.
    $builtKey = 'FunnelFlux.Pester.EmulatorBuilt'
    if (-not [AppDomain]::CurrentDomain.GetData($builtKey)) {
        $buildOutput = & $DotnetPath build $project -c Debug --nologo
        if ($LASTEXITCODE -ne 0) {
            throw "Building the emulator failed ('dotnet build $project -c Debug', exit code $LASTEXITCODE):$([Environment]::NewLine)$($buildOutput -join [Environment]::NewLine)"
        }
        [AppDomain]::CurrentDomain.SetData($builtKey, $true)
    }
    $dll = Get-ChildItem -LiteralPath (Join-Path $project 'bin/Debug') -Filter 'FunnelFlux.Emulator.dll' -Recurse -File -ErrorAction SilentlyContinue |
        Sort-Object -Property LastWriteTimeUtc -Descending |
        Select-Object -First 1
    if (-not $dll) {
        throw "The emulator was built, but FunnelFlux.Emulator.dll is not under '$(Join-Path $project 'bin/Debug')'."
    }
    $dll
}

function Start-FFTestEmulator {
    <#
    .SYNOPSIS
        Starts the FunnelFlux API emulator (built once per PowerShell process if need be) on a free
        127.0.0.1 port. Returns BaseUri, Port, Process, AccessToken, RefreshToken and LogDirectory.
        Always pair it with Stop-FFTestEmulator in an AfterAll.
    #>
    [CmdletBinding()]
    param(
        # How long to wait for the emulator to say it is listening.
        [int] $TimeoutSec = 60
    )

    $dotnet = Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $dotnet) {
        throw "The .NET SDK is needed to run the emulator, but 'dotnet' is not on PATH. Install it from https://dotnet.microsoft.com/download."
    }
    $dll = Get-FFTestEmulatorProgram -DotnetPath $dotnet.Path

    $logDirectory = Join-Path ([System.IO.Path]::GetTempPath()) ('FunnelFlux.Pester.' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $logDirectory -Force
    $readyFile = Join-Path $logDirectory 'ready.json'

    # Port 0: the emulator takes a free port itself and names it in the ready file, so no port is
    # guessed. It stops when its standard input closes, so it cannot outlive this PowerShell.
    $start = [System.Diagnostics.ProcessStartInfo]::new($dotnet.Path)
    foreach ($argument in @($dll.FullName, '--port', '0', '--ready-file', $readyFile, '--exit-on-stdin-close', '--quiet')) {
        $start.ArgumentList.Add($argument)
    }
    $start.WorkingDirectory = $dll.DirectoryName
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    # --quiet keeps its output to a few lines, read only when it fails to start.
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not (Test-Path -LiteralPath $readyFile -PathType Leaf)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            if (-not $process.HasExited) {
                $process.Kill($true)
            }
            $null = $process.WaitForExit(10000)
            $log = ($process.StandardOutput.ReadToEnd() + $process.StandardError.ReadToEnd()).Trim()
            $process.Dispose()
            Remove-Item -LiteralPath $logDirectory -Recurse -Force -ErrorAction SilentlyContinue
            throw "The emulator did not get ready within $TimeoutSec s. Its output:$([Environment]::NewLine)$log"
        }
        Start-Sleep -Milliseconds 50
    }
    $ready = Get-Content -LiteralPath $readyFile -Raw | ConvertFrom-Json
    $baseUri = [Uri]$ready.apiUri
    [pscustomobject]@{
        PSTypeName   = 'FunnelFlux.TestEmulator'
        BaseUri      = [Uri]$baseUri.AbsoluteUri.TrimEnd('/')
        Port         = $baseUri.Port
        Process      = $process
        AccessToken  = $ready.accessToken
        RefreshToken = $ready.refreshToken
        LogDirectory = $logDirectory
    }
}

function Stop-FFTestEmulator {
    <#
    .SYNOPSIS
        Stops an emulator started by Start-FFTestEmulator and deletes its log folder. Accepts $null
        (Start-FFTestEmulator failed or never ran), so it is safe in any AfterAll.
    #>
    [CmdletBinding()]
    param(
        [object] $Emulator
    )
    if ($null -eq $Emulator) {
        return
    }
    $process = $Emulator.Process
    if ($null -ne $process) {
        try {
            # Closing its standard input stops it; a kill only if it does not.
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(10000)) {
                $process.Kill($true)
                $null = $process.WaitForExit(10000)
            }
        }
        catch {
            Write-Warning "Could not stop the emulator process $($process.Id): $($_.Exception.Message)"
        }
        finally {
            $process.Dispose()
        }
    }
    if ($Emulator.LogDirectory -and (Test-Path -LiteralPath $Emulator.LogDirectory)) {
        Remove-Item -LiteralPath $Emulator.LogDirectory -Recurse -Force -ErrorAction SilentlyContinue
    }
}
