#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Custom domain cmdlets, as a user sees them, against the local emulator (where a pending domain
# becomes active on its third refresh). Run with ./build.ps1 -Task Test (after a build).

Describe 'FunnelFlux custom domains' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Emulator.ps1')
        $savedEnvironment = Enter-FFTestEnvironment -SessionPath (Join-Path $TestDrive 'session.json')
        $null = Import-FFTestModule
        $emulator = Start-FFTestEmulator
        Connect-FFAccount -ApiUri $emulator.BaseUri `
            -AccessToken (ConvertTo-SecureString -String $emulator.AccessToken -AsPlainText -Force) `
            -RefreshToken (ConvertTo-SecureString -String $emulator.RefreshToken -AsPlainText -Force)

        # Adds domains without printing their DNS instructions on the host.
        function Add-TestDomain {
            param([string[]] $Name)
            $null = New-FFDomain -Domain $Name -InformationAction SilentlyContinue -ErrorAction Stop
        }

        # The emulator activates a pending domain on its third refresh.
        function Set-TestDomainReady {
            param([string] $Name)
            foreach ($round in 1..3) {
                $null = Invoke-FFDomainRefresh -Domain $Name -ErrorAction Stop
            }
        }
    }

    AfterAll {
        if (Get-Module -Name FunnelFlux) {
            Disconnect-FFAccount -Confirm:$false -ErrorAction SilentlyContinue
        }
        Stop-FFTestEmulator -Emulator $emulator
        Remove-Module -Name FunnelFlux -Force -ErrorAction SilentlyContinue
        Exit-FFTestEnvironment -Saved $savedEnvironment
    }

    BeforeEach {
        # Every test starts with an account without domains.
        Get-FFDomain | Remove-FFDomain -Force -ErrorAction Stop
    }

    Context 'New-FFDomain' {
        It 'returns a FunnelFlux.Domain with the DNS records to create' {
            $domain = @(New-FFDomain -Domain 'track.example.com' -InformationAction SilentlyContinue)

            $domain | Should -HaveCount 1
            $domain[0].PSObject.TypeNames[0] | Should -BeExactly 'FunnelFlux.Domain'
            $domain[0].Name | Should -BeExactly 'track.example.com'
            $domain[0].Status | Should -Be 'pending'
            $domain[0].IsReady | Should -BeFalse
            $domain[0].DnsRecords | Should -HaveCount 2
            foreach ($record in $domain[0].DnsRecords) {
                $record.PSObject.TypeNames[0] | Should -BeExactly 'FunnelFlux.DnsRecord'
                $record.Type | Should -BeExactly 'TXT'
                $record.Name | Should -BeLike '*.track.example.com'
                $record.Value | Should -Not -BeNullOrEmpty
            }
            $domain[0].DnsRecords.Name | Should -Contain '_acme-challenge.track.example.com'
        }

        It 'tells on the host which DNS records to create (information stream, tag DnsRecords)' {
            $null = New-FFDomain -Domain 'track.example.com' -InformationVariable information

            $instructions = @($information | Where-Object { $_.Tags -contains 'DnsRecords' })
            $instructions | Should -HaveCount 1
            "$($instructions[0].MessageData)" | Should -BeLike '*_acme-challenge.track.example.com*'
            "$($instructions[0].MessageData)" | Should -BeLike '*Invoke-FFDomainRefresh track.example.com -Wait*'
        }

        It 'stores a name in lower case' {
            (New-FFDomain -Domain 'Track.Example.COM' -InformationAction SilentlyContinue).Name | Should -BeExactly 'track.example.com'
        }

        It 'stores an international name as punycode' {
            # b + u-umlaut + cher; written as a code point so the file stays ASCII for Windows PowerShell.
            $international = "b$([char]0x00FC)cher.example.com"

            $domain = New-FFDomain -Domain $international -InformationAction SilentlyContinue

            $domain.Name | Should -BeExactly 'xn--bcher-kva.example.com'
            (Get-FFDomain).Name | Should -BeExactly 'xn--bcher-kva.example.com'
            (Get-FFDomain -Domain $international).Name | Should -BeExactly 'xn--bcher-kva.example.com'
        }

        It 'reports an existing domain as a non-terminating DOMAIN_EXISTS and adds the rest' {
            Add-TestDomain 'taken.example.com'

            $added = @(New-FFDomain -Domain 'taken.example.com', 'free.example.com' -InformationAction SilentlyContinue -ErrorVariable failures -ErrorAction SilentlyContinue)

            $added | Should -HaveCount 1
            $added[0].Name | Should -BeExactly 'free.example.com'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly 'DOMAIN_EXISTS,FunnelFlux.Commands.NewFFDomainCommand'
            $failures[0].CategoryInfo.Category.ToString() | Should -BeExactly 'ResourceExists'
            $failures[0].TargetObject | Should -BeExactly 'taken.example.com'
        }

        It 'adds nothing with -WhatIf' {
            $output = @(New-FFDomain -Domain 'whatif.example.com' -WhatIf)

            $output.Count | Should -Be 0
            @(Get-FFDomain).Count | Should -Be 0
        }
    }

    Context 'Get-FFDomain' {
        BeforeEach {
            Add-TestDomain 'a.example.com', 'b.example.com', 'c.other.net'
        }

        It 'lists every domain' {
            $all = @(Get-FFDomain)

            $all | Should -HaveCount 3
            foreach ($domain in $all) {
                $domain.PSObject.TypeNames[0] | Should -BeExactly 'FunnelFlux.Domain'
            }
            @($all.Name | Sort-Object) | Should -Be @('a.example.com', 'b.example.com', 'c.other.net')
        }

        It 'gets one domain by name, in full detail, whatever the case' {
            $one = @(Get-FFDomain -Domain 'B.Example.COM')

            $one | Should -HaveCount 1
            $one[0].Name | Should -BeExactly 'b.example.com'
            # Only the details answer has the owner and the DNS records.
            $one[0].Owner | Should -Not -BeNullOrEmpty
            $one[0].DnsRecords | Should -HaveCount 2
        }

        It 'gives every domain empty lists of its own, so a note added to one is on no other' {
            # PowerShell keeps a member added to an object with that object: a shared empty
            # instance would carry it to every domain.
            # Ready domains have no verification errors; a listed domain has no DNS records.
            Set-TestDomainReady 'a.example.com'
            Set-TestDomainReady 'b.example.com'
            $ready = @(Get-FFDomain -Domain '*.example.com' | Sort-Object Name)
            $ready | Should -HaveCount 2
            foreach ($domain in $ready) {
                $domain.DnsRecords | Should -HaveCount 0
                $domain.VerificationErrors | Should -HaveCount 0
            }

            Add-Member -InputObject $ready[0].DnsRecords -NotePropertyName Checked -NotePropertyValue $true
            Add-Member -InputObject $ready[0].VerificationErrors -NotePropertyName Checked -NotePropertyValue $true
            Add-Member -InputObject $ready[0].GetAdditionalProperties() -NotePropertyName Checked -NotePropertyValue $true

            # The note stays with that domain's lists, read again, and is on no other domain's.
            $ready[0].DnsRecords.PSObject.Properties['Checked'] | Should -Not -BeNullOrEmpty
            $ready[0].VerificationErrors.PSObject.Properties['Checked'] | Should -Not -BeNullOrEmpty
            foreach ($other in @($ready[1]) + @(Get-FFDomain)) {
                $other.DnsRecords.PSObject.Properties['Checked'] | Should -BeNullOrEmpty
                $other.VerificationErrors.PSObject.Properties['Checked'] | Should -BeNullOrEmpty
                $other.GetAdditionalProperties().PSObject.Properties['Checked'] | Should -BeNullOrEmpty
            }
        }

        It 'filters the list with a wildcard' {
            $matched = @(Get-FFDomain -Domain '*.example.com')

            @($matched.Name | Sort-Object) | Should -Be @('a.example.com', 'b.example.com')
        }

        It 'returns nothing, and no error, for a wildcard that matches nothing' {
            $matched = @(Get-FFDomain -Domain '*.nothing.org' -ErrorVariable failures)

            $matched.Count | Should -Be 0
            $failures.Count | Should -Be 0
        }

        It 'reads every domain in full with -Detailed' {
            $all = @(Get-FFDomain -Detailed)

            $all | Should -HaveCount 3
            @($all | Where-Object { -not $_.Owner -or $_.DnsRecords.Count -ne 2 }).Count | Should -Be 0
        }

        It 'reports a missing name as a non-terminating ObjectNotFound error and gets the rest' {
            $found = @(Get-FFDomain -Domain 'missing.example.com', 'a.example.com' -ErrorVariable failures -ErrorAction SilentlyContinue)

            $found | Should -HaveCount 1
            $found[0].Name | Should -BeExactly 'a.example.com'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly 'NOT_FOUND,FunnelFlux.Commands.GetFFDomainCommand'
            $failures[0].CategoryInfo.Category.ToString() | Should -BeExactly 'ObjectNotFound'
            $failures[0].TargetObject | Should -BeExactly 'missing.example.com'
        }
    }

    Context 'Test-FFDomain' {
        BeforeEach {
            Add-TestDomain 'ready.example.com', 'pending.example.com'
            Set-TestDomainReady 'ready.example.com'
        }

        It 'returns a FunnelFlux.DomainCheck for each piped name' {
            $checks = @('ready.example.com', 'pending.example.com' | Test-FFDomain)

            $checks | Should -HaveCount 2
            $checks[0].PSObject.TypeNames[0] | Should -BeExactly 'FunnelFlux.DomainCheck'
            $checks[0].Domain | Should -BeExactly 'ready.example.com'
            $checks[0].Found | Should -BeTrue
            $checks[0].SslValid | Should -BeTrue
            $checks[0].IsReady | Should -BeTrue
            $checks[1].Domain | Should -BeExactly 'pending.example.com'
            $checks[1].Found | Should -BeFalse
            $checks[1].IsReady | Should -BeFalse
        }

        It 'returns only $true or $false with -Quiet' {
            $quiet = @(Test-FFDomain -Domain 'ready.example.com', 'pending.example.com' -Quiet)

            $quiet | Should -HaveCount 2
            $quiet[0] | Should -BeOfType ([bool])
            $quiet | Should -Be @($true, $false)
        }
    }

    Context 'Invoke-FFDomainRefresh' {
        BeforeEach {
            Add-TestDomain 'refresh.example.com'
        }

        It 'returns the domain with the routing check that came with the refresh' {
            $domain = @(Invoke-FFDomainRefresh -Domain 'refresh.example.com')

            $domain | Should -HaveCount 1
            $domain[0].PSObject.TypeNames[0] | Should -BeExactly 'FunnelFlux.Domain'
            $domain[0].LastCheck | Should -Not -BeNullOrEmpty
            $domain[0].LastCheck.Domain | Should -BeExactly 'refresh.example.com'
            $domain[0].IsReady | Should -BeFalse
        }

        It 'makes the domain ready on the third refresh' {
            $readiness = @(foreach ($round in 1..3) { (Invoke-FFDomainRefresh -Domain 'refresh.example.com').IsReady })

            $readiness | Should -Be @($false, $false, $true)
            (Get-FFDomain -Domain 'refresh.example.com').Status | Should -Be 'active'
        }

        It 'returns at once with -Wait when the domain is ready already' {
            # -Interval cannot go below 30 s, so waiting through three refreshes would take minutes:
            # make the domain ready first; -Wait then needs one refresh and no pause.
            Set-TestDomainReady 'refresh.example.com'
            $ProgressPreference = 'SilentlyContinue'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()

            $domain = @(Invoke-FFDomainRefresh -Domain 'refresh.example.com' -Wait -Timeout 120)

            $watch.Stop()
            $domain | Should -HaveCount 1
            $domain[0].Name | Should -BeExactly 'refresh.example.com'
            $domain[0].IsReady | Should -BeTrue
            # A guard against a hang, not a speed test: any pause would be at least 30 s.
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        }

        It 'refuses an -Interval below 30 seconds before any request' {
            { Invoke-FFDomainRefresh -Domain 'refresh.example.com' -Wait -Interval 5 } |
                Should -Throw -ErrorId 'IntervalTooShort,FunnelFlux.Commands.InvokeFFDomainRefreshCommand'
        }
    }

    Context 'Remove-FFDomain' {
        BeforeEach {
            Add-TestDomain 'gone.example.com'
        }

        It 'removes a domain with -Force, without asking' {
            $output = @(Remove-FFDomain -Domain 'gone.example.com' -Force)

            $output.Count | Should -Be 0
            @(Get-FFDomain).Count | Should -Be 0
        }

        It 'returns the removed domain with -PassThru' {
            $removed = @(Remove-FFDomain -Domain 'gone.example.com' -Force -PassThru)

            $removed | Should -HaveCount 1
            $removed[0].Name | Should -BeExactly 'gone.example.com'
            @(Get-FFDomain).Count | Should -Be 0
        }

        It 'removes nothing with -WhatIf, even with -Force' {
            Remove-FFDomain -Domain 'gone.example.com' -WhatIf
            Remove-FFDomain -Domain 'gone.example.com' -WhatIf -Force

            (Get-FFDomain).Name | Should -BeExactly 'gone.example.com'
        }

        It 'reports a missing domain as a non-terminating ObjectNotFound error' {
            $null = Remove-FFDomain -Domain 'nope.example.com' -Force -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly 'NOT_FOUND,FunnelFlux.Commands.RemoveFFDomainCommand'
            $failures[0].CategoryInfo.Category.ToString() | Should -BeExactly 'ObjectNotFound'
            $failures[0].TargetObject | Should -BeExactly 'nope.example.com'
        }
    }

    Context 'pipelines' {
        It 'adds the domains of a CSV file with a Domain column (Import-Csv | New-FFDomain)' {
            $csv = Join-Path $TestDrive 'domains.csv'
            @(
                [pscustomobject]@{ Domain = 'csv1.example.com'; Campaign = 'spring' }
                [pscustomobject]@{ Domain = 'csv2.example.com'; Campaign = 'summer' }
                [pscustomobject]@{ Domain = 'csv3.example.com'; Campaign = 'autumn' }
            ) | Export-Csv -LiteralPath $csv -NoTypeInformation

            $created = @(Import-Csv -LiteralPath $csv | New-FFDomain -InformationAction SilentlyContinue)

            @($created.Name) | Should -Be @('csv1.example.com', 'csv2.example.com', 'csv3.example.com')
            @(Get-FFDomain).Count | Should -Be 3
        }

        It 'binds objects by their Name or HostName property' {
            $created = @(
                [pscustomobject]@{ Name = 'byname.example.com' }
                [pscustomobject]@{ HostName = 'byhostname.example.com' }
            ) | New-FFDomain -InformationAction SilentlyContinue

            @($created.Name) | Should -Be @('byname.example.com', 'byhostname.example.com')
        }

        It 'removes every domain with Get-FFDomain | Remove-FFDomain -Force' {
            Add-TestDomain 'one.example.com', 'two.example.com', 'three.example.com'

            $removed = @(Get-FFDomain | Remove-FFDomain -Force -PassThru)

            $removed | Should -HaveCount 3
            @(Get-FFDomain).Count | Should -Be 0
        }

        It 'checks every listed domain with Get-FFDomain | Test-FFDomain -Quiet' {
            Add-TestDomain 'one.example.com', 'two.example.com'

            $quiet = @(Get-FFDomain | Test-FFDomain -Quiet)

            $quiet | Should -Be @($false, $false)
        }

        It 'goes on after one bad item, which is a non-terminating InvalidDomainName error' {
            $created = @('one.example.com', 'not a domain', 'two.example.com' |
                New-FFDomain -InformationAction SilentlyContinue -ErrorVariable failures -ErrorAction SilentlyContinue)

            @($created.Name) | Should -Be @('one.example.com', 'two.example.com')
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidDomainName,FunnelFlux.Commands.NewFFDomainCommand'
            $failures[0].TargetObject | Should -BeExactly 'not a domain'
        }
    }

    Context 'bad hostnames' {
        It 'New-FFDomain refuses <Bad> before any request' -ForEach @(
            @{ Bad = 'https://track.example.com/path' }
            @{ Bad = 'track.example.com/path' }
            @{ Bad = 'track.example.com:8080' }
            @{ Bad = 'user@track.example.com' }
            @{ Bad = 'track example.com' }
            @{ Bad = ' track.example.com' }
            @{ Bad = 'track..example.com' }
            @{ Bad = '-track.example.com' }
            @{ Bad = 'track_1.example.com' }
            @{ Bad = 'track%2Eexample.com' }
            @{ Bad = 'localhost' }
            @{ Bad = '192.0.2.1' }
            @{ Bad = '*.example.com' }
            @{ Bad = ('a' * 64) + '.example.com' }
        ) {
            $created = @(New-FFDomain -Domain $Bad -ErrorVariable failures -ErrorAction SilentlyContinue)

            $created.Count | Should -Be 0
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidDomainName,FunnelFlux.Commands.NewFFDomainCommand'
            $failures[0].CategoryInfo.Category.ToString() | Should -BeExactly 'InvalidArgument'
            $failures[0].TargetObject | Should -BeExactly $Bad
            @(Get-FFDomain).Count | Should -Be 0
        }

        It '<Command> refuses a URL with InvalidDomainName too' -ForEach @(
            @{ Command = 'Test-FFDomain'; Class = 'TestFFDomainCommand' }
            @{ Command = 'Invoke-FFDomainRefresh'; Class = 'InvokeFFDomainRefreshCommand' }
            @{ Command = 'Remove-FFDomain'; Class = 'RemoveFFDomainCommand' }
        ) {
            $extra = @{}
            if ($Command -eq 'Remove-FFDomain') {
                $extra['Force'] = $true
            }

            $output = @(& $Command -Domain 'https://track.example.com/' @extra -ErrorVariable failures -ErrorAction SilentlyContinue)

            $output.Count | Should -Be 0
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly "InvalidDomainName,FunnelFlux.Commands.$Class"
        }
    }
}
