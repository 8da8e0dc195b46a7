#
# Module manifest for FunnelFlux. This file is the single source of the module's version,
# exports and Gallery metadata; the build reads ModuleVersion from here.
#
@{
    RootModule           = 'FunnelFlux.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '7385b2da-1084-4b08-b025-fe380a6a43a2'
    Author               = 'FunnelFlux PowerShell contributors'
    CompanyName          = 'FunnelFlux PowerShell contributors'
    Copyright            = '(c) 2026 FunnelFlux PowerShell contributors. MIT License.'
    Description          = 'Manage FunnelFlux Pro from PowerShell: custom tracking domains, asset IDs in FunnelFlux''s strict format, and token-based authentication with retries, rate-limit manners and safe defaults.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('FunnelFlux.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-FFAccount'
        'Disconnect-FFAccount'
        'Get-FFContext'
        'Get-FFDomain'
        'Invoke-FFApiRequest'
        'Invoke-FFDomainRefresh'
        'New-FFAssetId'
        'New-FFDomain'
        'Remove-FFDomain'
        'Test-FFAssetId'
        'Test-FFDomain'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    # Every file of the module, written into the laid-out copy (out/FunnelFlux) by the build from
    # what it actually copied (src/FunnelFlux/ModuleLayout.targets); never kept by hand.
    FileList             = @()
    PrivateData          = @{
        PSData = @{
            # Windows, Linux and MacOS are the tags the Gallery's platform filter reads.
            Tags         = @('FunnelFlux', 'FunnelFluxPro', 'Tracking', 'Domains', 'API', 'Automation', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/funnelflux-powershell/FunnelFlux'
            LicenseUri   = 'https://github.com/funnelflux-powershell/FunnelFlux/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md: https://github.com/funnelflux-powershell/FunnelFlux/blob/main/CHANGELOG.md'
        }
    }
}
