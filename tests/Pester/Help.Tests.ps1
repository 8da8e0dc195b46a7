#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Help, as a user reads it: Get-Help <cmdlet> -Full for every exported cmdlet, and about_FunnelFlux.
# Run with ./build.ps1 -Task Test (after a build).

BeforeDiscovery {
    # The tests below are made per cmdlet, so the module is needed already while Pester discovers them.
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $null = Import-FFTestModule
    $cmdletCases = @(
        foreach ($name in @((Get-Module -Name FunnelFlux).ExportedCmdlets.Keys | Sort-Object)) {
            @{ Name = $name }
        }
    )
}

Describe 'FunnelFlux help' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Emulator.ps1')
        $null = Import-FFTestModule
        # Documented by PowerShell itself (about_CommonParameters): -Verbose, -ErrorAction, ...
        # -WhatIf and -Confirm are not among them: the cmdlet help describes what they do there.
        $commonParameters = @([System.Management.Automation.PSCmdlet]::CommonParameters)
    }

    AfterAll {
        Remove-Module -Name FunnelFlux -Force -ErrorAction SilentlyContinue
    }

    It 'exports exactly the cmdlets the manifest lists' {
        $manifest = Import-PowerShellDataFile -Path (Get-FFTestModuleManifest)

        @((Get-Module -Name FunnelFlux).ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It '<Name> has a synopsis' -ForEach $cmdletCases {
        $help = Get-Help -Name $Name -Full
        $synopsis = "$($help.Synopsis)".Trim()

        $synopsis | Should -Not -BeNullOrEmpty
        # Without a help file, PowerShell shows the syntax as the synopsis.
        $synopsis | Should -Not -BeLike '*<CommonParameters>*' -Because "Get-Help $Name should find the module's help file"
    }

    It '<Name> has a description' -ForEach $cmdletCases {
        $help = Get-Help -Name $Name -Full
        $description = (@($help.description | ForEach-Object { $_.Text }) -join [Environment]::NewLine).Trim()

        $description | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Full should describe the cmdlet"
    }

    It '<Name> has at least two examples that use it' -ForEach $cmdletCases {
        $help = Get-Help -Name $Name -Full
        $examples = @(if ($help.examples) { $help.examples.example })

        $examples.Count | Should -BeGreaterOrEqual 2 -Because "Get-Help $Name -Full should show at least two examples"
        foreach ($example in $examples) {
            "$($example.code)" | Should -BeLike "*$Name*" -Because "every example of $Name should run $Name"
        }
    }

    It '<Name> describes every parameter' -ForEach $cmdletCases {
        $help = Get-Help -Name $Name -Full
        $command = Get-Command -Name $Name -Module FunnelFlux
        $parameterNames = @($command.Parameters.Keys | Where-Object { $commonParameters -notcontains $_ })
        $helpParameters = @(if ($help.parameters) { $help.parameters.parameter })

        foreach ($parameterName in $parameterNames) {
            $parameterHelp = @($helpParameters | Where-Object { $_.name -eq $parameterName })
            $parameterHelp | Should -HaveCount 1 -Because "Get-Help $Name -Full should list -$parameterName"
            $text = (@($parameterHelp[0].description | ForEach-Object { $_.Text }) -join ' ').Trim()
            $text | Should -Not -BeNullOrEmpty -Because "-$parameterName of $Name needs a description"
        }
    }

    It 'about_FunnelFlux explains <Topic>' -ForEach @(
        @{ Topic = 'connecting'; Text = 'Connect-FFAccount' }
        @{ Topic = 'the emulator'; Text = 'emulator' }
        @{ Topic = 'retries'; Text = 'retr' }
    ) {
        $about = (Get-Help -Name about_FunnelFlux -ErrorAction SilentlyContinue | Out-String).Trim()

        $about | Should -Not -BeNullOrEmpty -Because 'Get-Help about_FunnelFlux should find the about topic of the module'
        $about | Should -BeLike "*$Text*"
    }
}
