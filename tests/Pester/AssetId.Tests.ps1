#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Asset ID cmdlets, as a user sees them. Run with ./build.ps1 -Task Test (after a build).

BeforeAll {
    # Import-FFTestModule imports out/FunnelFlux/FunnelFlux.psd1, or says to build first.
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $null = Import-FFTestModule
}

AfterAll {
    Remove-Module -Name FunnelFlux -Force -ErrorAction SilentlyContinue
}

Describe 'New-FFAssetId' {
    It 'encodes the time of -Timestamp in the first seven characters' {
        $id = New-FFAssetId -Timestamp '2026-01-01T00:00:00Z'
        $id | Should -BeOfType [string]
        $id.Length | Should -Be 12
        $id.Substring(0, 7) | Should -BeExactly '3a0HFXE'
    }

    It 'makes distinct IDs in ascending ordinal order' {
        $ids = New-FFAssetId -Count 500
        $ids.Count | Should -Be 500
        ($ids | Sort-Object -Unique -CaseSensitive).Count | Should -Be 500
        $sorted = [string[]]$ids.Clone()
        [Array]::Sort($sorted, [StringComparer]::Ordinal)
        $sorted | Should -Be $ids
    }

    It 'keeps IDs that differ only in case apart, as PowerShell compares by default' {
        # Hashtable keys, Group-Object and Sort-Object -Unique ignore case.
        $ids = New-FFAssetId -Count 2000 -Timestamp '2026-01-01T00:00:00Z'
        ($ids | Sort-Object -Unique).Count | Should -Be 2000
        ($ids | Group-Object | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $byId = @{}
        foreach ($id in $ids) { $byId[$id] = $true }
        $byId.Count | Should -Be 2000
    }

    It 'gives every row its own ID when help Example 2 runs as written on a file of <Rows> row(s)' -ForEach @(
        @{ Rows = 1 }
        @{ Rows = 3 }
        @{ Rows = 0 }
    ) {
        $code = (Get-Help New-FFAssetId).examples.example[1].code
        $code | Should -Match 'offers\.csv'
        $folder = Join-Path $TestDrive "example2-$Rows"
        $null = New-Item -ItemType Directory -Path $folder
        $lines = @('Name')
        if ($Rows -gt 0) { $lines += @(1..$Rows | ForEach-Object { "offer$_" }) }
        Set-Content -LiteralPath (Join-Path $folder 'offers.csv') -Value $lines
        Push-Location -LiteralPath $folder
        try {
            & ([scriptblock]::Create($code))
        }
        finally {
            Pop-Location
        }
        $written = Join-Path $folder 'offers-with-ids.csv'
        if ($Rows -eq 0) {
            Test-Path -LiteralPath $written | Should -BeFalse -Because 'a file with no rows gets no IDs and no error'
            return
        }
        $out = @(Import-Csv -LiteralPath $written)
        $out.Count | Should -Be $Rows
        foreach ($row in $out) {
            $row.Id | Should -Match '^[0-9A-Za-z]{12}$'
            Test-FFAssetId -Id $row.Id | Should -BeTrue
        }
        @($out.Id | Select-Object -Unique).Count | Should -Be $Rows
    }

    It 'refuses -Count 0' {
        { New-FFAssetId -Count 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,FunnelFlux.Commands.NewFFAssetIdCommand'
    }

    It 'refuses a time before 2019-07-23' {
        { New-FFAssetId -Timestamp '2019-07-22T23:59:59.999Z' } | Should -Throw -ErrorId 'AssetIdTimestampOutOfRange,FunnelFlux.Commands.NewFFAssetIdCommand'
    }
}

Describe 'Test-FFAssetId' {
    It 'accepts every generated ID' {
        New-FFAssetId -Count 100 | Test-FFAssetId | Should -Not -Contain $false
    }

    It 'rejects <Id>' -ForEach @(
        @{ Id = '3a0HFXEabcd' }
        @{ Id = '3a0HFXEabcdef' }
        @{ Id = '3a0HFXE-bcde' }
        @{ Id = '' }
    ) {
        Test-FFAssetId -Id $Id | Should -BeFalse
    }

    It 'decodes the creation time with -Detailed' {
        $info = Test-FFAssetId -Id '3a0HFXEabcde' -Detailed
        $info.PSObject.TypeNames[0] | Should -Be 'FunnelFlux.AssetIdInfo'
        $info.IsValid | Should -BeTrue
        $info.Timestamp | Should -Be ([DateTimeOffset]'2026-01-01T00:00:00Z')
    }

    It 'binds the Id property of piped objects' {
        # A valid ID, so that True shows the property was read, not the object's text.
        [pscustomobject]@{ Id = '3a0HFXEabcde' } | Test-FFAssetId | Should -BeTrue
        [pscustomobject]@{ Id = 'not-an-id' } | Test-FFAssetId | Should -BeFalse
    }

    It 'tests the Id column of Import-Csv rows, one answer per row in order' {
        $csv = Join-Path $TestDrive 'assets.csv'
        Set-Content -LiteralPath $csv -Value 'Id,Name', '3a0HFXEabcde,a', 'bad,b', '44kSarQ01234,c'
        $answers = Import-Csv -LiteralPath $csv | Test-FFAssetId -Detailed
        $answers.Id | Should -Be '3a0HFXEabcde', 'bad', '44kSarQ01234'
        $answers.IsValid | Should -Be $true, $false, $true
    }

    It 'asks for -Property when a body is given to -InputObject by name' {
        { Test-FFAssetId -InputObject @{ funnelIDs = @('3a0HFXEabcde') } -ErrorAction Stop } |
            Should -Throw -ErrorId 'PropertyNotGiven,FunnelFlux.Commands.TestFFAssetIdCommand'
        Test-FFAssetId -InputObject @{ funnelIDs = @('3a0HFXEabcde') } -Property funnelIDs | Should -BeTrue
    }

    It 'gives every answer its own boolean, so a note added to one is on no other' {
        # The pattern a script uses to keep each answer with its input; Test-Path allows it too.
        $first = Test-FFAssetId -Id 'x' | Add-Member -NotePropertyName Input -NotePropertyValue 'x' -PassThru
        $second = 'y', '3a0HFXEabcde' | Test-FFAssetId | Add-Member -NotePropertyName Input -NotePropertyValue 'later' -PassThru

        $first.Input | Should -Be 'x'
        @($second).Count | Should -Be 2
        $second[0].Input | Should -Be 'later'
        (Test-FFAssetId -Id 'z').PSObject.Properties['Input'] | Should -BeNullOrEmpty
    }
}
