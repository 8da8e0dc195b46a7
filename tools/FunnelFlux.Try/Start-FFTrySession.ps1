<#
.SYNOPSIS
    Run by the try command (tools/FunnelFlux.Try) as the interactive shell starts: imports the
    freshly built module, connects to the emulator the try command started, and says what to type.
#>
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [int] $EmulatorProcessId,
    # The emulator's --refreshes-until-active.
    [Parameter(Mandatory)] [int] $RefreshesUntilActive,
    # Set where the emulator could not be kept out of the terminal's Ctrl+C.
    [switch] $CtrlCReachesEmulator
)

try {
    $module = Import-Module -Name $Manifest -PassThru -ErrorAction Stop
    # Connect-FFAccount reads FUNNELFLUX_API_URI and the FUNNELFLUX_*_TOKEN variables the try
    # command set; the tokens are then dropped from the environment.
    Connect-FFAccount -ErrorAction Stop
}
catch {
    Write-Host "FunnelFlux try: could not import and connect: $($_.Exception.Message)" -ForegroundColor Red
    Write-Host "Type 'exit' to leave, then run the try command again (after 'dotnet build FunnelFlux.sln')." -ForegroundColor Red
    return
}
finally {
    Remove-Item -Path Env:FUNNELFLUX_ACCESS_TOKEN, Env:FUNNELFLUX_REFRESH_TOKEN -ErrorAction SilentlyContinue
}

$context = Get-FFContext
# -Detailed: the list alone does not carry verification errors.
$domains = @(Get-FFDomain -Detailed)

$lines = @(
    ''
    "FunnelFlux $($module.Version) from $($module.ModuleBase)"
    "connected to the emulator at $($context.ApiUri) (process $EmulatorProcessId, demo account)."
    ''
    'Sample domains:'
    foreach ($domain in $domains) {
        $firstError = "$(@($domain.VerificationErrors)[0])"
        if ($firstError.Length -gt 80) { $firstError = $firstError.Substring(0, 77) + '...' }
        '  {0,-22} {1,-8} {2}' -f $domain.Name, $domain.Status, $firstError
    }
    ''
    'Type first:'
    '  Get-FFDomain -Detailed | Format-List Name, Status, VerificationErrors'
    '  New-FFDomain track.example.com                    # and the DNS records it needs'
    "  Invoke-FFDomainRefresh track.example.com -Wait -Interval 30   # ready at refresh $RefreshesUntilActive"
    '  Get-Help about_FunnelFlux                         # connecting, retries, the emulator ...'
    ''
    "Type 'exit' to leave: the emulator stops with this shell."
)
if ($CtrlCReachesEmulator) {
    $lines += 'Note: here Ctrl+C while a command runs stops the emulator too (no setsid on this system).'
}
Write-Host ($lines -join [Environment]::NewLine) -ForegroundColor Cyan
