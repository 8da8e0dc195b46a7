#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Sessions, as a user sees them: Connect-FFAccount, Get-FFContext and Disconnect-FFAccount against
# the local emulator. Run with ./build.ps1 -Task Test (after a build).

Describe 'FunnelFlux sessions' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Emulator.ps1')
        # First, so AfterAll can always restore it: no test touches the contributor's own settings
        # or saved session.
        $savedEnvironment = Enter-FFTestEnvironment -SessionPath (Join-Path $TestDrive 'session.json')
        $null = Import-FFTestModule
        # The module's session is process-wide and outlives Remove-Module: start from none.
        Disconnect-FFAccount -Confirm:$false
        $emulator = Start-FFTestEmulator
        $apiUri = $emulator.BaseUri
        $accessToken = ConvertTo-SecureString -String $emulator.AccessToken -AsPlainText -Force
        $refreshToken = ConvertTo-SecureString -String $emulator.RefreshToken -AsPlainText -Force
        $tokens = @($emulator.AccessToken, $emulator.RefreshToken)
    }

    AfterAll {
        if (Get-Module -Name FunnelFlux) {
            Disconnect-FFAccount -Confirm:$false -ErrorAction SilentlyContinue
        }
        Stop-FFTestEmulator -Emulator $emulator
        Remove-Module -Name FunnelFlux -Force -ErrorAction SilentlyContinue
        Exit-FFTestEnvironment -Saved $savedEnvironment
    }

    Context 'Connect-FFAccount with SecureString tokens' {
        AfterEach {
            Disconnect-FFAccount -Confirm:$false
        }

        It 'checks the tokens and returns a FunnelFlux.Context with -PassThru' {
            $context = @(Connect-FFAccount -ApiUri $apiUri -AccessToken $accessToken -RefreshToken $refreshToken -PassThru)

            $context | Should -HaveCount 1
            $context[0].PSObject.TypeNames[0] | Should -BeExactly 'FunnelFlux.Context'
            $context[0].ApiUri.AbsoluteUri.TrimEnd('/') | Should -Be $apiUri.AbsoluteUri.TrimEnd('/')
            $context[0].Scope.ToString() | Should -BeExactly 'Process'
            $context[0].HasRefreshToken | Should -BeTrue
            $context[0].AccessTokenExpired | Should -BeFalse
            $context[0].AccessTokenExpiresAt | Should -BeOfType ([DateTimeOffset])
            $context[0].SavedSessionPath | Should -BeNullOrEmpty
        }

        It 'writes nothing without -PassThru, and the session is current' {
            $output = @(Connect-FFAccount -ApiUri $apiUri -AccessToken $accessToken -RefreshToken $refreshToken)

            $output.Count | Should -Be 0
            @(Get-FFContext) | Should -HaveCount 1
        }

        It 'warns, and holds no refresh token, when only the access token is given' {
            $context = Connect-FFAccount -ApiUri $apiUri -AccessToken $accessToken -PassThru -WarningVariable warnings -WarningAction SilentlyContinue

            $context.HasRefreshToken | Should -BeFalse
            @($warnings).Count | Should -BeGreaterThan 0
            ($warnings -join ' ') | Should -BeLike '*refresh token*'
        }

        It 'refuses a wrong access token with AccessTokenRejected' {
            $wrong = ConvertTo-SecureString -String 'not-a-real-token' -AsPlainText -Force

            $record = { Connect-FFAccount -ApiUri $apiUri -AccessToken $wrong -WarningAction SilentlyContinue } |
                Should -Throw -ErrorId 'AccessTokenRejected,FunnelFlux.Commands.ConnectFFAccountCommand' -PassThru

            $record.CategoryInfo.Category.ToString() | Should -BeExactly 'AuthenticationError'
            @(Get-FFContext).Count | Should -Be 0
        }

        It 'never writes a token to the verbose or debug streams' {
            $DebugPreference = 'Continue'
            $records = @(Connect-FFAccount -ApiUri $apiUri -AccessToken $accessToken -RefreshToken $refreshToken -PassThru -Verbose 4>&1 5>&1)
            $messages = @($records | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] } | ForEach-Object { $_.Message })

            $messages.Count | Should -BeGreaterThan 0
            ($messages -join [Environment]::NewLine) | Should -BeLike '*auth/validate*'
            foreach ($token in $tokens) {
                ($messages -join [Environment]::NewLine) | Should -Not -BeLike "*$token*"
            }
        }
    }

    Context 'Get-FFContext' {
        BeforeAll {
            Connect-FFAccount -ApiUri $apiUri -AccessToken $accessToken -RefreshToken $refreshToken
        }

        AfterAll {
            Disconnect-FFAccount -Confirm:$false
        }

        It 'returns the current session' {
            $context = @(Get-FFContext)

            $context | Should -HaveCount 1
            $context[0].PSObject.TypeNames[0] | Should -BeExactly 'FunnelFlux.Context'
            $context[0].ApiUri.AbsoluteUri.TrimEnd('/') | Should -Be $apiUri.AbsoluteUri.TrimEnd('/')
            $context[0].HasRefreshToken | Should -BeTrue
        }

        It 'shows no token in any property value, view or string' {
            $context = Get-FFContext
            $texts = @(
                foreach ($property in $context.PSObject.Properties) { [string]$property.Value }
                $context.ToString()
                ($context | Format-List | Out-String)
                ($context | Format-List -Property * | Out-String)
                ($context | Format-Table | Out-String)
                ($context | Out-String)
            )

            $texts.Count | Should -BeGreaterThan 5
            foreach ($text in $texts) {
                foreach ($token in $tokens) {
                    $text | Should -Not -BeLike "*$token*"
                }
            }
        }

        It 'has no property that could hold a token' {
            $names = @((Get-FFContext).PSObject.Properties | ForEach-Object { $_.Name })
            $allowed = @('AccessTokenExpiresAt', 'AccessTokenExpired', 'HasRefreshToken')

            $names | Should -Contain 'ApiUri'
            @($names | Where-Object { $_ -like '*Token*' -and $allowed -notcontains $_ }).Count | Should -Be 0
        }

        It 'shows the token state in the default view without the token' {
            $view = Get-FFContext | Out-String

            $view | Should -BeLike '*HasRefreshToken*'
            $view | Should -BeLike '*True*'
        }
    }

    Context 'Connect-FFAccount from environment variables' {
        BeforeEach {
            $env:FUNNELFLUX_ACCESS_TOKEN = $emulator.AccessToken
            $env:FUNNELFLUX_REFRESH_TOKEN = $emulator.RefreshToken
            $env:FUNNELFLUX_API_URI = $apiUri.AbsoluteUri
        }

        AfterEach {
            $env:FUNNELFLUX_ACCESS_TOKEN = $null
            $env:FUNNELFLUX_REFRESH_TOKEN = $null
            $env:FUNNELFLUX_API_URI = $null
            Disconnect-FFAccount -Confirm:$false
        }

        It 'reads FUNNELFLUX_ACCESS_TOKEN, FUNNELFLUX_REFRESH_TOKEN and FUNNELFLUX_API_URI' {
            $records = @(Connect-FFAccount -PassThru -Verbose 4>&1)
            $context = @($records | Where-Object { $_.PSObject.TypeNames[0] -eq 'FunnelFlux.Context' })
            $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }) -join [Environment]::NewLine

            $context | Should -HaveCount 1
            $context[0].ApiUri.AbsoluteUri.TrimEnd('/') | Should -Be $apiUri.AbsoluteUri.TrimEnd('/')
            $context[0].HasRefreshToken | Should -BeTrue
            $verbose | Should -BeLike '*FUNNELFLUX_ACCESS_TOKEN*'
            foreach ($token in $tokens) {
                $verbose | Should -Not -BeLike "*$token*"
            }
        }
    }

    Context 'Connect-FFAccount without tokens' {
        It 'fails with AccessTokenMissing and says where to get the tokens' {
            $env:FUNNELFLUX_ACCESS_TOKEN | Should -BeNullOrEmpty

            $record = { Connect-FFAccount -ApiUri $apiUri } |
                Should -Throw -ErrorId 'AccessTokenMissing,FunnelFlux.Commands.ConnectFFAccountCommand' -PassThru

            $record.CategoryInfo.Category.ToString() | Should -BeExactly 'AuthenticationError'
            $record.Exception.Message | Should -BeLike '*Settings > API Access*'
            $record.Exception.Message | Should -BeLike '*FUNNELFLUX_ACCESS_TOKEN*'
            @(Get-FFContext).Count | Should -Be 0
        }
    }

    Context 'Connect-FFAccount -ApiUri' {
        It 'refuses plain http to <Address>, which is not loopback' -ForEach @(
            @{ Address = 'http://api.funnelflux.pro/v1' }
            @{ Address = 'http://10.0.0.5:5099/v1' }
        ) {
            $record = { Connect-FFAccount -ApiUri $Address -AccessToken $accessToken -RefreshToken $refreshToken } |
                Should -Throw -ErrorId 'ApiUriNotAllowed,FunnelFlux.Commands.ConnectFFAccountCommand' -PassThru

            $record.CategoryInfo.Category.ToString() | Should -BeExactly 'InvalidArgument'
            $record.Exception.Message | Should -BeLike '*https*'
            @(Get-FFContext).Count | Should -Be 0
        }
    }

    Context 'Disconnect-FFAccount' {
        BeforeEach {
            Connect-FFAccount -ApiUri $apiUri -AccessToken $accessToken -RefreshToken $refreshToken
        }

        AfterEach {
            Disconnect-FFAccount -Confirm:$false
        }

        It 'forgets the session, after which API cmdlets say NotConnected' {
            @(Get-FFContext) | Should -HaveCount 1

            Disconnect-FFAccount

            @(Get-FFContext).Count | Should -Be 0
            { Get-FFDomain } | Should -Throw -ErrorId 'NotConnected,FunnelFlux.Commands.GetFFDomainCommand'
        }

        It 'keeps the session with -WhatIf' {
            Disconnect-FFAccount -WhatIf

            @(Get-FFContext) | Should -HaveCount 1
        }
    }

    Context 'a session saved with -Scope CurrentUser' {
        BeforeAll {
            $sessionFile = $env:FUNNELFLUX_SESSION_PATH
            # Never let -Scope CurrentUser reach a real saved session.
            if (-not $sessionFile -or -not $sessionFile.StartsWith($TestDrive)) {
                throw "FUNNELFLUX_SESSION_PATH ('$sessionFile') does not point into the TestDrive; refusing to test saved sessions."
            }
            $connected = @(Connect-FFAccount -ApiUri $apiUri -AccessToken $accessToken -RefreshToken $refreshToken -Scope CurrentUser -PassThru)
        }

        AfterAll {
            Disconnect-FFAccount -Scope CurrentUser -Confirm:$false
        }

        It 'is saved to FUNNELFLUX_SESSION_PATH' {
            $connected | Should -HaveCount 1
            $connected[0].Scope.ToString() | Should -BeExactly 'CurrentUser'
            $connected[0].SavedSessionPath | Should -Be ([System.IO.Path]::GetFullPath($sessionFile))
            Test-Path -LiteralPath $sessionFile -PathType Leaf | Should -BeTrue
        }

        It 'is readable by the current user only' -Skip:($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) {
            (Get-Item -LiteralPath $sessionFile).UnixMode | Should -BeExactly '-rw-------'
        }

        It 'is resumed by a new PowerShell process' {
            $quotedManifest = (Get-FFTestModuleManifest).Replace("'", "''")
            $script = @"
Import-Module -Name '$quotedManifest'
`$context = Get-FFContext
if (`$context) { 'RESUMED|' + `$context.Scope + '|' + `$context.ApiUri.AbsoluteUri + '|' + `$context.HasRefreshToken }
"@
            $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))

            # The child inherits FUNNELFLUX_SESSION_PATH, so it finds the file saved above.
            $output = @(& (Get-FFTestPowerShellPath) -NoProfile -NonInteractive -EncodedCommand $encoded)
            $resumed = @($output | Where-Object { "$_" -like 'RESUMED|*' })

            $resumed | Should -HaveCount 1 -Because "the new process printed: $($output -join ' / ')"
            $fields = "$($resumed[0])".Split('|')
            $fields[1] | Should -BeExactly 'CurrentUser'
            $fields[2].TrimEnd('/') | Should -Be $apiUri.AbsoluteUri.TrimEnd('/')
            $fields[3] | Should -Be 'True'
        }

        It 'is kept by Disconnect-FFAccount -Scope CurrentUser -WhatIf' {
            Disconnect-FFAccount -Scope CurrentUser -WhatIf

            Test-Path -LiteralPath $sessionFile -PathType Leaf | Should -BeTrue
            @(Get-FFContext) | Should -HaveCount 1
        }

        It 'is forgotten, and its file deleted, by Disconnect-FFAccount -Scope CurrentUser' {
            Disconnect-FFAccount -Scope CurrentUser -Confirm:$false

            Test-Path -LiteralPath $sessionFile | Should -BeFalse
            @(Get-FFContext).Count | Should -Be 0
        }
    }
}
