# Helpers shared by the Pester suites; dot-source this file in a BeforeAll (or BeforeDiscovery) block:
#
#     . (Join-Path $PSScriptRoot 'Emulator.ps1')
#
# Import-FFTestModule          imports the laid-out module from out/FunnelFlux (after a dotnet build)
# Enter-/Exit-FFTestEnvironment  save, isolate and restore the FUNNELFLUX_* environment variables
# Start-/Stop-FFTestEmulator   run the local FunnelFlux API emulator (tests/FunnelFlux.Emulator) on a
#                              free loopback port, and stop it again
#
# Only the .NET SDK (dotnet on PATH) and Pester 5 are needed. Works on Windows PowerShell 5.1 and
# PowerShell 7.x.

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
    # such as FUNNELFLUX_API_URI or a real token, can never reach the tests), and points
    # FUNNELFLUX_SESSION_PATH at -SessionPath, so that no test reads, writes or deletes the
    # contributor's real saved session. Returns what Exit-FFTestEnvironment needs to restore them.
    param(
        [Parameter(Mandatory = $true)]
        [string] $SessionPath
    )
    $saved = @{}
    foreach ($item in @(Get-ChildItem -Path Env: | Where-Object { $_.Name -like 'FUNNELFLUX_*' })) {
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
    foreach ($item in @(Get-ChildItem -Path Env: | Where-Object { $_.Name -like 'FUNNELFLUX_*' })) {
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

function Get-FFTestFreePort {
    # Port 0 makes the OS pick a free port; it is released at once for the emulator to take.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
        ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
    }
    finally {
        $listener.Stop()
    }
}

function Test-FFTestPort {
    param(
        [Parameter(Mandatory = $true)]
        [int] $Port
    )
    $client = New-Object -TypeName System.Net.Sockets.TcpClient
    try {
        $connect = $client.ConnectAsync([System.Net.IPAddress]::Loopback, $Port)
        # Wait throws (an AggregateException) when the connection is refused.
        if ($connect.Wait(1000)) {
            return $client.Connected
        }
        return $false
    }
    catch {
        return $false
    }
    finally {
        $client.Close()
    }
}

function Get-FFTestEmulatorLog {
    # The emulator's output so far, for error messages; never fails.
    param([string[]] $Path)
    $text = foreach ($file in $Path) {
        try {
            if (Test-Path -LiteralPath $file) {
                # Opened with ReadWrite sharing: the emulator may still be writing to it.
                $stream = [System.IO.File]::Open($file, 'Open', 'Read', 'ReadWrite')
                $reader = New-Object -TypeName System.IO.StreamReader -ArgumentList $stream
                try {
                    $reader.ReadToEnd()
                }
                finally {
                    $reader.Close()
                }
            }
        }
        catch {
            "(could not read ${file}: $($_.Exception.Message))"
        }
    }
    ($text -join [Environment]::NewLine).Trim()
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
        # How long to wait for the emulator to answer on its port.
        [int] $TimeoutSec = 60
    )

    $dotnet = Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $dotnet) {
        throw "The .NET SDK is needed to run the emulator, but 'dotnet' is not on PATH. Install it from https://dotnet.microsoft.com/download."
    }
    $dotnetPath = $dotnet.Path
    $dll = Get-FFTestEmulatorProgram -DotnetPath $dotnetPath

    $logDirectory = Join-Path ([System.IO.Path]::GetTempPath()) ('FunnelFlux.Pester.' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $logDirectory -Force

    # A port picked with port 0 could be taken by someone else before the emulator binds it:
    # then the emulator exits at once, and another port is tried.
    $failure = $null
    for ($attempt = 1; $attempt -le 3; $attempt++) {
        $port = Get-FFTestFreePort
        $outputLog = Join-Path $logDirectory "emulator-$port.out.log"
        $errorLog = Join-Path $logDirectory "emulator-$port.err.log"
        $startArguments = @{
            FilePath               = $dotnetPath
            # One string, the dll path quoted: Start-Process does not quote array elements.
            ArgumentList           = ('"{0}" --urls http://127.0.0.1:{1}' -f $dll.FullName, $port)
            WorkingDirectory       = $dll.DirectoryName
            RedirectStandardOutput = $outputLog
            RedirectStandardError  = $errorLog
            NoNewWindow            = $true
            PassThru               = $true
        }
        $process = Start-Process @startArguments

        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        $answered = $false
        while ([DateTime]::UtcNow -lt $deadline) {
            if ($process.HasExited) {
                break
            }
            if (Test-FFTestPort -Port $port) {
                $answered = $true
                break
            }
            Start-Sleep -Milliseconds 200
        }

        if ($answered) {
            # Program.cs prints "API base URI:  http://127.0.0.1:<port>/v1" and the fixed demo tokens
            # (DemoAccessToken / DemoRefreshToken); the output file is only read for error messages,
            # because how soon it is written differs between PowerShell versions.
            return [pscustomobject]@{
                PSTypeName   = 'FunnelFlux.TestEmulator'
                BaseUri      = [Uri]('http://127.0.0.1:{0}/v1' -f $port)
                Port         = $port
                Process      = $process
                AccessToken  = 'demo-access-token'
                RefreshToken = 'demo-refresh-token'
                LogDirectory = $logDirectory
            }
        }

        $exited = $process.HasExited
        if (-not $exited) {
            try {
                $process.Kill()
                $null = $process.WaitForExit(10000)
            }
            catch {
                Write-Warning "Could not stop the emulator process $($process.Id): $($_.Exception.Message)"
            }
        }
        $log = Get-FFTestEmulatorLog -Path $outputLog, $errorLog
        $process.Dispose()
        if ($exited) {
            $failure = "The emulator exited at once on port $port (attempt $attempt of 3). Its output:$([Environment]::NewLine)$log"
            continue
        }
        Remove-Item -LiteralPath $logDirectory -Recurse -Force -ErrorAction SilentlyContinue
        throw "The emulator did not answer on 127.0.0.1:$port within $TimeoutSec s. Its output:$([Environment]::NewLine)$log"
    }
    Remove-Item -LiteralPath $logDirectory -Recurse -Force -ErrorAction SilentlyContinue
    throw $failure
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
            if (-not $process.HasExited) {
                $process.Kill()
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
