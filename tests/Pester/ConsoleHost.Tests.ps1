#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What only a real console host shows (issue 10): -Debug under pwsh -File, -NonInteractive and at
# an interactive prompt; the default views at 80 columns; where New-FFDomain's DNS instructions
# go; completion in a new pwsh with only a saved session; and Remove-Module. Each pwsh started
# here is this same pwsh (7.6.9 when run by dotnet test), against a local emulator.

BeforeDiscovery {
    # The terminal tests need a pseudo-terminal: util-linux 'script' on Linux.
    $terminalSupported = $IsLinux -and [bool](Get-Command -Name script -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'FunnelFlux in a real console host' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Emulator.ps1')
        . (Join-Path $PSScriptRoot 'Terminal.ps1')
        $savedEnvironment = Enter-FFTestEnvironment -SessionPath (Join-Path $TestDrive 'session.json')
        $null = Import-FFTestModule
        Disconnect-FFAccount -Confirm:$false
        $emulator = Start-FFTestEmulator
        $apiUri = $emulator.BaseUri.AbsoluteUri
        Connect-FFAccount -ApiUri $apiUri `
            -AccessToken (ConvertTo-SecureString -String $emulator.AccessToken -AsPlainText -Force) `
            -RefreshToken (ConvertTo-SecureString -String $emulator.RefreshToken -AsPlainText -Force)

        # A script for another pwsh: imports this build of the module and connects to the
        # emulator (the child inherits FUNNELFLUX_SESSION_PATH, which points into the TestDrive).
        function New-TestScript {
            param([string] $Name, [string] $Body, [switch] $NoConnect)
            $lines = @(
                '$ErrorActionPreference = ''Continue'''
                "Import-Module -Name '$((Get-FFTestModuleManifest).Replace("'", "''"))'"
            )
            if (-not $NoConnect) {
                $lines += "Connect-FFAccount -ApiUri '$apiUri' -AccessToken (ConvertTo-SecureString '$($emulator.AccessToken)' -AsPlainText -Force) -RefreshToken (ConvertTo-SecureString '$($emulator.RefreshToken)' -AsPlainText -Force)"
            }
            $path = Join-Path $TestDrive "$Name.ps1"
            Set-Content -LiteralPath $path -Value (($lines + $Body) -join [Environment]::NewLine) -Encoding utf8
            $path
        }

        # Every exported cmdlet once with the given switches (or preference), on its own domain;
        # prints one 'RESULT|<mode>|<cmdlet>|<count>|<type>' line per cmdlet.
        function Get-EveryCmdletBody {
            param([string] $Mode, [string] $Switches, [string] $Preamble = '')
            $domain = "$Mode.debug.example.com"
            @"
& {
    $Preamble
    function Report([string] `$Name, `$Value) { 'RESULT|$Mode|{0}|{1}|{2}' -f `$Name, @(`$Value).Count, (@(`$Value)[0].PSObject.TypeNames[0]) }
    Report Connect (Connect-FFAccount -ApiUri '$apiUri' -AccessToken (ConvertTo-SecureString '$($emulator.AccessToken)' -AsPlainText -Force) -RefreshToken (ConvertTo-SecureString '$($emulator.RefreshToken)' -AsPlainText -Force) -PassThru $Switches)
    Report Get-FFContext (Get-FFContext $Switches)
    Report New-FFDomain (New-FFDomain $domain $Switches)
    Report Get-FFDomain (Get-FFDomain $domain $Switches)
    Report Test-FFDomain (Test-FFDomain $domain $Switches)
    Report Invoke-FFDomainRefresh (Invoke-FFDomainRefresh $domain $Switches)
    Report Invoke-FFApiRequest (Invoke-FFApiRequest GET billing/domains $Switches)
    Report Remove-FFDomain (Remove-FFDomain $domain -Force -PassThru $Switches)
    Report New-FFAssetId (New-FFAssetId -Count 2 $Switches)
    Report Test-FFAssetId (Test-FFAssetId 3a0HFXEabcde $Switches)
    Disconnect-FFAccount $Switches
    Report Disconnected (@(Get-FFContext).Count)
}
"@
        }

        $modes = @(
            @{ Mode = 'debug'; Switches = '-Debug'; Preamble = '' }
            @{ Mode = 'verbosedebug'; Switches = '-Verbose -Debug'; Preamble = '' }
            @{ Mode = 'preference'; Switches = ''; Preamble = '$DebugPreference = ''Continue''' }
        )
        # What is typed first in a new terminal: import and connect, from a file, so that no
        # token is typed (and none can appear in a failure message).
        $importAndConnect = ". '$((New-TestScript -Name 'import-and-connect' -Body '').Replace("'", "''"))'"
        $everyCmdlet = New-TestScript -Name 'every-cmdlet' -NoConnect -Body (($modes | ForEach-Object { Get-EveryCmdletBody @_ }) -join [Environment]::NewLine)

        function Assert-EveryCmdletRan {
            param([string] $Output, [string] $Mode)
            $results = @($Output -split "`r?`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ -like "RESULT|$Mode|*" })
            $results | Should -HaveCount 11 -Because "every cmdlet must run to the end under $Mode; the process printed:`n$Output"
            $expected = [ordered]@{
                'Connect'                = '1|FunnelFlux.Context'
                'Get-FFContext'          = '1|FunnelFlux.Context'
                'New-FFDomain'           = '1|FunnelFlux.Domain'
                'Get-FFDomain'           = '1|FunnelFlux.Domain'
                'Test-FFDomain'          = '1|FunnelFlux.DomainCheck'
                'Invoke-FFDomainRefresh' = '1|FunnelFlux.Domain'
                'Invoke-FFApiRequest'    = '1|System.Management.Automation.PSCustomObject'
                'Remove-FFDomain'        = '1|FunnelFlux.Domain'
                'New-FFAssetId'          = '2|System.String'
                'Test-FFAssetId'         = '1|System.Boolean'
            }
            foreach ($name in $expected.Keys) {
                $results | Should -Contain "RESULT|$Mode|$name|$($expected[$name])"
            }
            $results | Should -Contain "RESULT|$Mode|Disconnected|1|System.Int32"
        }
    }

    AfterAll {
        if (Get-Module -Name FunnelFlux) {
            Disconnect-FFAccount -Scope CurrentUser -Confirm:$false -ErrorAction SilentlyContinue
        }
        Stop-FFTestEmulator -Emulator $emulator
        Remove-Module -Name FunnelFlux -Force -ErrorAction SilentlyContinue
        Exit-FFTestEnvironment -Saved $savedEnvironment
    }

    Context '-Debug never costs a result' {
        It 'pwsh -File with no console input: every cmdlet runs to the end under -Debug, -Verbose -Debug and $DebugPreference = Continue' {
            $run = Invoke-FFTestPwsh -ScriptPath $everyCmdlet

            $run.StdOut | Should -Not -BeLike '*Continue with this operation*'
            $run.StdErr | Should -BeNullOrEmpty -Because 'nothing may fail (before the fix: "Object reference not set to an instance of an object")'
            foreach ($mode in 'debug', 'verbosedebug', 'preference') {
                Assert-EveryCmdletRan -Output $run.StdOut -Mode $mode
            }
            # The request lines: on the debug stream with -Debug alone, on the verbose stream with -Verbose.
            $run.StdOut | Should -Match 'DEBUG: POST http://127\.0\.0\.1:\d+/v1/billing/domains -> 200'
            $run.StdOut | Should -Match 'VERBOSE: POST http://127\.0\.0\.1:\d+/v1/billing/domains -> 200'
            $run.StdOut | Should -Match 'DEBUG: POST http://127\.0\.0\.1:\d+/v1/billing/domains body: \{"domain":"preference\.debug\.example\.com"\}'
            $run.ExitCode | Should -Be 0
        }

        It 'pwsh -NonInteractive -File: every cmdlet runs to the end under -Debug, -Verbose -Debug and $DebugPreference = Continue' {
            $run = Invoke-FFTestPwsh -ScriptPath $everyCmdlet -NonInteractive

            $run.StdOut | Should -Not -BeLike '*NonInteractive mode*'
            $run.StdErr | Should -BeNullOrEmpty -Because 'nothing may fail (before the fix: "PowerShell is in NonInteractive mode")'
            foreach ($mode in 'debug', 'verbosedebug', 'preference') {
                Assert-EveryCmdletRan -Output $run.StdOut -Mode $mode
            }
            $run.ExitCode | Should -Be 0
        }

        It 'an interactive terminal: -Debug, -Verbose -Debug and $DebugPreference = Continue never ask "Continue with this operation?"' -Skip:(-not $terminalSupported) {
            $terminal = New-FFTestTerminal -Columns 80 -Rows 40
            try {
                $null = Send-FFTestTerminalLine -Terminal $terminal -Line $importAndConnect
                $typed = Send-FFTestTerminalLine -Terminal $terminal -Line "New-FFDomain typed.debug.example.com -Debug -InformationAction Ignore | Select-Object -ExpandProperty Name"
                $script = Send-FFTestTerminalLine -Terminal $terminal -Line "& '$($everyCmdlet.Replace("'", "''"))'"

                $terminal.Text | Should -Not -BeLike '*Continue with this operation*'
                $typed | Should -Match 'DEBUG: POST http://127\.0\.0\.1:\d+/v1/billing/domains -> 200'
                $typed | Should -Match '(?m)^typed\.debug\.example\.com\s*$'
                foreach ($mode in 'debug', 'verbosedebug', 'preference') {
                    Assert-EveryCmdletRan -Output $script -Mode $mode
                }
            }
            finally {
                $terminal.Dispose()
            }
        }
    }

    Context 'default views at 80 columns' {
        BeforeAll {
            Get-FFDomain | Remove-FFDomain -Force
            $null = New-FFDomain 'campaign-2027.track.example.com', 'short.example.com' -InformationAction Ignore

            # Each view as pwsh renders it for an 80-column console, with every line it wrote.
            function Get-View {
                param([scriptblock] $Command)
                $text = (& $Command | Out-String -Width 80) -replace "`e\[[0-9;]*m", ''
                [pscustomobject]@{ Text = $text; Lines = @($text -split "`r?`n" | Where-Object { $_.Trim() } | ForEach-Object { $_.TrimEnd() }) }
            }
        }

        It '<Name> fits in 80 columns with every column, each header on one line and named as its property' -ForEach @(
            @{ Name = 'Get-FFDomain'; Command = { Get-FFDomain }; Headers = @('Status', 'SslStatus', 'IsReady', 'CreatedAt', 'Name') }
            @{ Name = 'Test-FFDomain'; Command = { Test-FFDomain short.example.com }; Headers = @('IsReady', 'Found', 'SslValid', 'HttpStatus', 'CheckedAt', 'Domain') }
            @{ Name = 'Get-FFContext'; Command = { Get-FFContext }; Headers = @('Scope', 'AccessTokenExpiresAt', 'HasRefreshToken', 'ApiUri') }
            @{ Name = 'Test-FFAssetId -Detailed'; Command = { Test-FFAssetId '3a0HFXEabcde', 'not-an-asset-id' -Detailed }; Headers = @('Id', 'IsValid', 'Timestamp', 'Reason') }
        ) {
            $view = Get-View $Command

            foreach ($line in $view.Lines) {
                $line.Length | Should -BeLessOrEqual 80 -Because "'$line' must fit"
            }
            # The header line names every column, whole, in order; the next line underlines them.
            $headerLine = $view.Lines[0]
            ($headerLine -split '\s+' | Where-Object { $_ }) | Should -Be $Headers
            $view.Lines[1] | Should -Match '^[-\s]+$'
            foreach ($row in $view.Lines | Select-Object -Skip 2) {
                $row | Should -Not -BeLike '*…*' -Because 'no value in these rows is longer than its column'
            }
        }

        It 'Get-FFDomain shows the CreatedAt date and Test-FFDomain the CheckedAt time, with no HttpStatus 0 for a domain never reached' {
            (Get-View { Get-FFDomain short.example.com }).Lines[2] | Should -Match '^pending\s+pending_validation\s+False\s+\d{4}-\d\d-\d\d\s+short\.example\.com$'
            (Get-View { Test-FFDomain short.example.com }).Lines[2] | Should -Match '^False\s+False\s+False\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+short\.example\.com$'
        }

        It 'wraps a domain name longer than its column instead of cutting it, in the table and in the check' {
            $long = 'autumn-campaign-2027-landing-pages.tracking.some-brand.example.com'
            $null = New-FFDomain $long -InformationAction Ignore
            try {
                foreach ($view in (Get-View { Get-FFDomain $long }), (Get-View { Test-FFDomain $long })) {
                    foreach ($line in $view.Lines) {
                        $line.Length | Should -BeLessOrEqual 80 -Because "'$line' must fit"
                    }
                    $view.Text | Should -Not -BeLike '*…*'
                    # The last column's pieces, one per line under its header, make the whole name.
                    $start = $view.Lines[0].LastIndexOf(($view.Lines[0] -split '\s+' | Where-Object { $_ })[-1])
                    -join ($view.Lines | Select-Object -Skip 2 | ForEach-Object { if ($_.Length -gt $start) { $_.Substring($start).Trim() } }) | Should -BeExactly $long
                }
            }
            finally {
                Remove-FFDomain $long -Force
            }
        }

        It 'shows each DNS record value whole, with its purpose' {
            $records = @((Get-FFDomain campaign-2027.track.example.com).DnsRecords)
            $view = Get-View { $records }

            $records | Should -HaveCount 2
            foreach ($record in $records) {
                $view.Text | Should -Match ('(?m)^Value\s+: ' + [regex]::Escape($record.Value) + '\s*$')
                $view.Text | Should -Match ('(?m)^Name\s+: ' + [regex]::Escape($record.Name) + '\s*$')
                $view.Text | Should -Match ('(?m)^Purpose\s+: ' + [regex]::Escape($record.Purpose) + '\s*$')
            }
            foreach ($line in $view.Lines) {
                $line.Length | Should -BeLessOrEqual 80
            }
        }

        It 'fits the terminal of a person at 80x40 too' -Skip:(-not $terminalSupported) {
            $terminal = New-FFTestTerminal -Columns 80 -Rows 40
            try {
                $null = Send-FFTestTerminalLine -Terminal $terminal -Line $importAndConnect
                # One command per line: Out-Default formats a line's objects by the first one's type.
                $domains = Send-FFTestTerminalLine -Terminal $terminal -Line 'Get-FFDomain'
                $check = Send-FFTestTerminalLine -Terminal $terminal -Line 'Test-FFDomain short.example.com'
                $context = Send-FFTestTerminalLine -Terminal $terminal -Line 'Get-FFContext'

                $domains | Should -Match '(?m)^Status\s+SslStatus\s+IsReady\s+CreatedAt\s+Name\s*$'
                $domains | Should -Match '(?m)^pending\s+pending_validation\s+False\s+\d{4}-\d\d-\d\d\s+campaign-2027\.track\.example\.com\s*$'
                $check | Should -Match '(?m)^IsReady\s+Found\s+SslValid\s+HttpStatus\s+CheckedAt\s+Domain\s*$'
                $check | Should -Match '(?m)^False\s+False\s+False\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+short\.example\.com\s*$'
                $context | Should -Match '(?m)^Scope\s+AccessTokenExpiresAt\s+HasRefreshToken\s+ApiUri\s*$'
                $context | Should -Match '(?m)^Process\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+True\s+http://127\.0\.0\.1:\d+/v1\s*$'
            }
            finally {
                $terminal.Dispose()
            }
        }
    }

    Context "New-FFDomain's DNS instructions" {
        BeforeEach {
            Get-FFDomain | Remove-FFDomain -Force
        }

        It 'pwsh -File: not in the output, but on the information stream (tag DnsRecords) and in each object' {
            $script = New-TestScript -Name 'dns-file' -Body @'
$quiet = New-FFDomain file1.example.com
'RECORDS|{0}' -f $quiet.DnsRecords.Count
$null = New-FFDomain file2.example.com -InformationVariable told
'TOLD|{0}|{1}' -f @($told | Where-Object { $_.Tags -contains 'DnsRecords' }).Count, ("$($told[0].MessageData)" -like '*_acme-challenge.file2.example.com*')
'---continue---'
$null = New-FFDomain file3.example.com -InformationAction Continue
1..40 | ForEach-Object { [pscustomobject]@{ Domain = "bulk$_.example.com" } } | New-FFDomain | Measure-Object | ForEach-Object { 'BULK|{0}' -f $_.Count }
'@
            $run = Invoke-FFTestPwsh -ScriptPath $script
            $before, $after = $run.StdOut -split '---continue---'

            $run.StdErr | Should -BeNullOrEmpty
            $before | Should -Not -BeLike '*Create these DNS records*'
            $run.StdOut | Should -Match 'RECORDS\|2'
            $run.StdOut | Should -Match 'TOLD\|1\|True'
            # Asked for with -InformationAction Continue: shown, once; the 40 rows after it are not.
            ([regex]::Matches($after, 'Create these DNS records')).Count | Should -Be 1
            $after | Should -BeLike '*Create these DNS records for file3.example.com*'
            $run.StdOut | Should -Match 'BULK\|40'
        }

        It 'pwsh -NonInteractive -File: not in the output' {
            $script = New-TestScript -Name 'dns-noninteractive' -Body @'
'NAME|{0}' -f (New-FFDomain noninteractive.example.com).Name
'@
            $run = Invoke-FFTestPwsh -ScriptPath $script -NonInteractive

            $run.StdErr | Should -BeNullOrEmpty
            $run.StdOut | Should -Match 'NAME\|noninteractive\.example\.com'
            $run.StdOut | Should -Not -BeLike '*Create these DNS records*'
        }

        It 'an interactive terminal: shown for a domain typed at the prompt, hidden by -InformationAction SilentlyContinue, and at most 5 per command' -Skip:(-not $terminalSupported) {
            $terminal = New-FFTestTerminal -Columns 80 -Rows 40
            try {
                $null = Send-FFTestTerminalLine -Terminal $terminal -Line $importAndConnect
                $shown = Send-FFTestTerminalLine -Terminal $terminal -Line 'New-FFDomain shown.example.com'
                $hidden = Send-FFTestTerminalLine -Terminal $terminal -Line 'New-FFDomain hidden.example.com -InformationAction SilentlyContinue'
                $bulk = Send-FFTestTerminalLine -Terminal $terminal -Line "1..8 | ForEach-Object { 'bulk{0}.example.com' -f `$_ } | New-FFDomain"

                $shown | Should -Match '(?m)^Create these DNS records for shown\.example\.com at your DNS provider:'
                $shown | Should -Match '(?m)^  TXT  _acme-challenge\.shown\.example\.com  \(SSL certificate validation\)'
                $shown | Should -Match '(?m)^Then run: Invoke-FFDomainRefresh shown\.example\.com -Wait'
                $shown | Should -Match '(?m)^pending\s+pending_validation\s+False\s+\S+\s+shown\.example\.com'
                $hidden | Should -Not -BeLike '*Create these DNS records*'
                $hidden | Should -Match '(?m)^pending\s+pending_validation\s+False\s+\S+\s+hidden\.example\.com'
                ([regex]::Matches($bulk, 'Create these DNS records for bulk')).Count | Should -Be 5
                $bulk | Should -BeLike '*DNS records of 3 more domain(s) are not shown here*'
                ([regex]::Matches($bulk, '(?m)^pending\s+pending_validation\s+False\s+\S+\s+bulk\d\.example\.com')).Count | Should -Be 8
            }
            finally {
                $terminal.Dispose()
            }
        }
    }

    Context 'completion in a new pwsh with only a saved session' {
        BeforeAll {
            Get-FFDomain | Remove-FFDomain -Force
            $null = New-FFDomain 'complete-one.example.com', 'complete-two.example.com' -InformationAction Ignore
            Connect-FFAccount -ApiUri $apiUri -Scope CurrentUser `
                -AccessToken (ConvertTo-SecureString -String $emulator.AccessToken -AsPlainText -Force) `
                -RefreshToken (ConvertTo-SecureString -String $emulator.RefreshToken -AsPlainText -Force)
        }

        AfterAll {
            Disconnect-FFAccount -Scope CurrentUser -Confirm:$false
            Connect-FFAccount -ApiUri $apiUri `
                -AccessToken (ConvertTo-SecureString -String $emulator.AccessToken -AsPlainText -Force) `
                -RefreshToken (ConvertTo-SecureString -String $emulator.RefreshToken -AsPlainText -Force)
        }

        It 'completes -Domain before any other cmdlet ran, and New-FFDomain -Domain offers no existing domain' {
            $script = New-TestScript -Name 'complete' -NoConnect -Body @'
function Complete([string] $Line) { ((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Where-Object { $_ -like 'complete-*' }) -join ',' }
'TEST|' + (Complete 'Test-FFDomain -Domain complete-')
'GET|' + (Complete 'Get-FFDomain complete-t')
'NEW|' + (Complete 'New-FFDomain -Domain complete-')
'@
            $run = Invoke-FFTestPwsh -ScriptPath $script

            $run.StdErr | Should -BeNullOrEmpty
            $run.StdOut | Should -Match '(?m)^TEST\|complete-one\.example\.com,complete-two\.example\.com\s*$'
            $run.StdOut | Should -Match '(?m)^GET\|complete-two\.example\.com\s*$'
            $run.StdOut | Should -Match '(?m)^NEW\|\s*$'
        }
    }

    Context 'Remove-Module and Import-Module' {
        It 'keeps the connection, on purpose: the session belongs to the process' {
            $before = Get-FFContext
            $before | Should -Not -BeNullOrEmpty

            Remove-Module -Name FunnelFlux
            Get-Command -Name Get-FFContext -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $null = Import-FFTestModule
            $after = Get-FFContext

            $after.ApiUri | Should -Be $before.ApiUri
            $after.ConnectedAt | Should -Be $before.ConnectedAt
            { Get-FFDomain -ErrorAction Stop } | Should -Not -Throw
        }

        It 'ends the connection only with Disconnect-FFAccount' {
            Disconnect-FFAccount
            Remove-Module -Name FunnelFlux
            $null = Import-FFTestModule

            @(Get-FFContext).Count | Should -Be 0
            Connect-FFAccount -ApiUri $apiUri `
                -AccessToken (ConvertTo-SecureString -String $emulator.AccessToken -AsPlainText -Force) `
                -RefreshToken (ConvertTo-SecureString -String $emulator.RefreshToken -AsPlainText -Force)
        }
    }
}
