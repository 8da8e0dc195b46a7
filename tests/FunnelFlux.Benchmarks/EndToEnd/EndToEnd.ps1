#Requires -Version 7.4
<#
    The end-to-end part of the FunnelFlux benchmark, started by the harness
    (tests/FunnelFlux.Benchmarks) in the pinned real pwsh. It times what a user runs against what
    a user would write by hand, back to back in this one process, round by round (the order of
    the contenders alternates between rounds), after a warm-up. It writes raw times to the plan's
    outFile as JSON and computes no ratio: the harness does that.

    The plan file names the module manifest, the emulators' ready files and every count. The
    tokens in the ready files are the emulator's demo tokens; nothing here prints them.
#>
param(
    [Parameter(Mandatory)]
    [string] $PlanFile
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version 3.0

$plan = Get-Content -LiteralPath $PlanFile -Raw | ConvertFrom-Json

Import-Module -Name $plan.moduleManifest -ErrorAction Stop
# The trivial compiled cmdlets the candidates are measured against, one source file each.
foreach ($source in $plan.helperCmdletSources) {
    $types = Add-Type -TypeDefinition (Get-Content -LiteralPath $source -Raw) -PassThru
    Import-Module -Assembly $types[0].Assembly -ErrorAction Stop
}

function Write-Step([string] $Text) {
    [Console]::Out.WriteLine("  pwsh: $Text")
}

# A full collection, so that no earlier garbage is billed to what is timed next.
function Clear-Garbage {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
}

# Milliseconds one block takes.
function Measure-Block([scriptblock] $Block) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $null = & $Block
    $watch.Stop()
    $watch.Elapsed.TotalMilliseconds
}

# Milliseconds one block takes, after a collection.
function Invoke-Timed([scriptblock] $Block) {
    Clear-Garbage
    Measure-Block $Block
}

# One round: every block once, back to back; odd rounds run them in reverse order. The blocks read
# the script's variables ($n, $name, ...), so nothing here may take one of those names.
function Measure-Round([int] $Round, [System.Collections.Specialized.OrderedDictionary] $Blocks) {
    $contenders = [string[]] @($Blocks.Keys)
    if ($Round % 2 -eq 1) {
        [array]::Reverse($contenders)
    }
    $times = @{}
    foreach ($contender in $contenders) {
        $times[$contender] = Invoke-Timed $Blocks[$contender]
    }
    $times
}

# One round in slices: every block once per slice, in an order that alternates from slice to
# slice, the times summed per block. A contender that ran a whole round in one stretch could catch
# the machine fast or slow on its own; in slices, the contenders share each moment's machine. One
# collection starts the round; one before every slice would leave each slice's first calls cold.
function Measure-SlicedRound([System.Collections.Specialized.OrderedDictionary] $Blocks, [int] $Slices) {
    $contenders = [string[]] @($Blocks.Keys)
    $sums = @{}
    foreach ($contender in $contenders) {
        $sums[$contender] = 0.0
    }
    Clear-Garbage
    for ($slice = 0; $slice -lt $Slices; $slice++) {
        [array]::Reverse($contenders)
        foreach ($contender in $contenders) {
            $sums[$contender] += Measure-Block $Blocks[$contender]
        }
    }
    $sums
}

function Connect-Emulator([string] $ReadyFile) {
    $ready = Get-Content -LiteralPath $ReadyFile -Raw | ConvertFrom-Json
    $null = Connect-FFAccount -ApiUri $ready.apiUri `
        -AccessToken (ConvertTo-SecureString $ready.accessToken -AsPlainText -Force) `
        -RefreshToken (ConvertTo-SecureString $ready.refreshToken -AsPlainText -Force)
    $ready
}

$rounds = [int] $plan.rounds
$result = [ordered]@{
    pwshVersion         = $PSVersionTable.PSVersion.ToString()
    moduleVersion       = (Get-Module -Name FunnelFlux).Version.ToString()
    moduleConfiguration = (Get-Module -Name FunnelFlux).ImplementingAssembly.GetCustomAttributes([System.Reflection.AssemblyConfigurationAttribute], $false)[0].Configuration
    perCall             = [System.Collections.Generic.List[object]]::new()
    list                = [System.Collections.Generic.List[object]]::new()
    ids                 = [System.Collections.Generic.List[object]]::new()
    testId              = [System.Collections.Generic.List[object]]::new()
    throttle            = [System.Collections.Generic.List[object]]::new()
}

# --- One domain per call, and the whole list: the emulator without latency -----------------------

$ready = Connect-Emulator $plan.listReadyFile
$apiBase = $ready.apiUri.TrimEnd('/')
$name = $plan.domainName
$oneUri = "$apiBase/billing/domains/$name"
$listUri = "$apiBase/billing/domains"
$headers = @{ Authorization = "Bearer $($ready.accessToken)" }
$client = [System.Net.Http.HttpClient]::new()
$client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $ready.accessToken)

# Each contender must do the real work once before it is timed: an error is never measured.
$one = @(Get-FFDomain -Domain $name)
if ($one.Count -ne 1 -or $one[0].Name -ne $name) { throw "Get-FFDomain -Domain $name did not return that domain." }
if ((Invoke-RestMethod -Uri $oneUri -Headers $headers).domain.domain -ne $name) { throw "Invoke-RestMethod $oneUri did not return $name." }
if (-not $client.GetStringAsync($oneUri).GetAwaiter().GetResult().Contains($name)) { throw "HttpClient GET $oneUri did not return $name." }
if (-not (Invoke-RawGet -Client $client $oneUri).Contains($name)) { throw "Invoke-RawGet $oneUri did not return $name." }
if (-not (Invoke-RawGet -Client $client $oneUri -Synchronous).Contains($name)) { throw "Invoke-RawGet -Synchronous $oneUri did not return $name." }
$listed = @(Get-FFDomain)
if ($listed.Count -ne [int] $plan.listDomains) { throw "Get-FFDomain listed $($listed.Count) domains; the emulator holds $($plan.listDomains)." }
$listBytes = $client.GetByteArrayAsync($listUri).GetAwaiter().GetResult().Length
$listed = $null

$perCallBlocks = [ordered]@{
    candidate         = { for ($i = 0; $i -lt $n; $i++) { $null = Get-FFDomain -Domain $name } }
    invoke_restmethod = { for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Uri $oneUri -Headers $headers } }
    httpclient        = { for ($i = 0; $i -lt $n; $i++) { $null = $client.GetStringAsync($oneUri).GetAwaiter().GetResult() } }
    cmdlet_floor      = { for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RawGet -Client $client $oneUri } }
    cmdlet_sync       = { for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RawGet -Client $client $oneUri -Synchronous } }
}
# Each round's calls of each kind are made in 10 interleaved slices ($n calls each): one kind
# timed alone for a whole round saw the machine at its own moment, and rounds' ratios ranged over
# a factor of four on a 2-core machine whose speed drifts within seconds.
$slices = [Math]::Min(10, [int] $plan.perCallCalls)
$n = [Math]::Max(1, [int] [Math]::Floor([int] $plan.perCallCalls / $slices))
$calls = $n * $slices
Write-Step "per call: a warm-up round, then $rounds round(s) of $calls calls of each kind in $slices slices"
# A whole round of warm-up: with 200 calls of each kind, the first timed round was still up to 2.5
# times slower than the median round in three full runs out of three.
$null = Measure-SlicedRound $perCallBlocks $slices
for ($round = 0; $round -lt $rounds; $round++) {
    $t = Measure-SlicedRound $perCallBlocks $slices
    $result.perCall.Add([ordered]@{
        calls                = $calls
        candidate_us         = $t.candidate * 1000 / $calls
        invoke_restmethod_us = $t.invoke_restmethod * 1000 / $calls
        httpclient_us        = $t.httpclient * 1000 / $calls
        cmdlet_floor_us      = $t.cmdlet_floor * 1000 / $calls
        cmdlet_sync_us       = $t.cmdlet_sync * 1000 / $calls
    })
}

$reps = [int] $plan.listRepeats
$listBlocks = [ordered]@{
    candidate = { for ($i = 0; $i -lt $reps; $i++) { $null = Get-FFDomain } }
    raw       = { for ($i = 0; $i -lt $reps; $i++) { $null = $client.GetByteArrayAsync($listUri).GetAwaiter().GetResult() } }
}
Write-Step "list of $($plan.listDomains) domains ($listBytes bytes): warm-up, then $rounds round(s) of $reps lists of each kind"
$null = Measure-Round 0 $listBlocks
for ($round = 0; $round -lt $rounds; $round++) {
    $t = Measure-Round $round $listBlocks
    $result.list.Add([ordered]@{
        domains      = [int] $plan.listDomains
        bytes        = $listBytes
        candidate_ms = $t.candidate / $reps
        raw_ms       = $t.raw / $reps
    })
}
$client.Dispose()

# --- Asset IDs: New-FFAssetId against the pipeline limit, Test-FFAssetId piped against -Id -------

$count = [int] $plan.assetIds
[FunnelFlux.Benchmarks.EndToEnd.WriteReadyStringCommand]::Prepare([string[]] (New-FFAssetId -Count $count))
if (@(Write-ReadyString).Count -ne $count) { throw "Write-ReadyString did not write $count strings." }
if (@(Write-ReadyString -Fresh).Count -ne $count) { throw "Write-ReadyString -Fresh did not write $count strings." }
if (@(New-FFAssetId -Count $count).Count -ne $count) { throw "New-FFAssetId did not write $count IDs." }
$idBlocks = [ordered]@{
    candidate  = { $null = New-FFAssetId -Count $count }
    emit_limit = { $null = Write-ReadyString }
    fresh_limit = { $null = Write-ReadyString -Fresh }
}
Write-Step "New-FFAssetId -Count $($count): warm-up, then $rounds round(s)"
$null = Measure-Round 0 $idBlocks
for ($round = 0; $round -lt $rounds; $round++) {
    $t = Measure-Round $round $idBlocks
    $result.ids.Add([ordered]@{
        ids           = $count
        candidate_ms  = $t.candidate
        emit_limit_ms = $t.emit_limit
        fresh_limit_ms = $t.fresh_limit
    })
}
[FunnelFlux.Benchmarks.EndToEnd.WriteReadyStringCommand]::Prepare([string[]] @())

$ids = New-FFAssetId -Count ([int] $plan.testIds)
$checked = @(Test-FFAssetId -Id $ids)
if ($checked.Count -ne $ids.Count -or $checked -contains $false) { throw 'Test-FFAssetId did not pass every generated ID.' }
# Test-ShapedItem stands for Test-FFAssetId's parameters only while it has exactly the same ones.
function Get-ParameterShape([string] $Command) {
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    foreach ($parameter in (Get-Command -Name $Command).Parameters.Values | Where-Object Name -NotIn $common | Sort-Object Name) {
        foreach ($set in $parameter.ParameterSets.GetEnumerator() | Sort-Object Key) {
            $p = $set.Value
            '{0}:{1}:{2}:{3}:{4}:{5}:{6}' -f $parameter.Name, $parameter.ParameterType.FullName, $set.Key, $p.IsMandatory, $p.Position, $p.ValueFromPipeline, $p.ValueFromPipelineByPropertyName
        }
    }
}
$shape = Compare-Object @(Get-ParameterShape Test-FFAssetId) @(Get-ParameterShape Test-ShapedItem)
if ($shape) { throw "Test-ShapedItem's parameters differ from Test-FFAssetId's: $($shape | Out-String)" }
$shaped = @($ids | Test-ShapedItem)
if ($shaped.Count -ne $ids.Count -or $shaped -contains $false) { throw 'Test-ShapedItem did not answer every piped ID.' }
$shaped = $null
$answered = @($ids | Test-PipedItem)
if ($answered.Count -ne $ids.Count -or $answered -contains $false) { throw 'Test-PipedItem did not answer every piped ID.' }
$answered = $null
$checked = $null
$testBlocks = [ordered]@{
    pipe  = { $null = $ids | Test-FFAssetId }
    array = { $null = Test-FFAssetId -Id $ids }
    pipeline_floor = { $null = $ids | Write-Output }
    answer_floor = { $null = $ids | Test-PipedItem }
    shape_floor = { $null = $ids | Test-ShapedItem }
}
Write-Step "Test-FFAssetId over $($ids.Count) IDs: warm-up, then $rounds round(s)"
$null = Measure-Round 0 $testBlocks
for ($round = 0; $round -lt $rounds; $round++) {
    $t = Measure-Round $round $testBlocks
    $result.testId.Add([ordered]@{
        ids      = $ids.Count
        pipe_ms  = $t.pipe
        array_ms = $t.array
        pipeline_floor_ms = $t.pipeline_floor
        answer_floor_ms = $t.answer_floor
        shape_floor_ms = $t.shape_floor
    })
}
$ids = $null

# --- Throttling: the emulator that adds latency to every request --------------------------------

$throttleReady = Connect-Emulator $plan.throttleReadyFile
$control = $throttleReady.controlUri.TrimEnd('/')
$domainCount = [int] $plan.throttleDomains

# One Get-FFDomain | Test-FFDomain run; the emulator counts how many requests were ever in flight at once.
function Invoke-Throttled([int] $Limit) {
    $null = Invoke-RestMethod -Method Post -Uri "$control/stats/reset"
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Limit -eq 1) {
        $checks = @(Get-FFDomain | Test-FFDomain)
    }
    else {
        $checks = @(Get-FFDomain | Test-FFDomain -ThrottleLimit $Limit)
    }
    $watch.Stop()
    $stats = Invoke-RestMethod -Uri "$control/stats"
    if ($checks.Count -ne $domainCount) { throw "Test-FFDomain -ThrottleLimit $Limit returned $($checks.Count) checks for $domainCount domains." }
    @{ ms = $watch.Elapsed.TotalMilliseconds; maxInFlight = [int] $stats.maxInFlight }
}

Write-Step "Get-FFDomain | Test-FFDomain over $domainCount domains at $($plan.throttleLatencyMs) ms: warm-up, then $($plan.throttleRounds) round(s)"
$null = Get-FFDomain -Domain $plan.domainName | Test-FFDomain
$null = Invoke-Throttled 16
for ($round = 0; $round -lt [int] $plan.throttleRounds; $round++) {
    $limits = if ($round % 2 -eq 0) { 1, 8, 16 } else { 16, 8, 1 }
    $runs = @{}
    foreach ($limit in $limits) {
        $runs[$limit] = Invoke-Throttled $limit
    }
    $result.throttle.Add([ordered]@{
        domains                 = $domainCount
        latency_ms              = [int] $plan.throttleLatencyMs
        serial_ms               = $runs[1].ms
        throttle8_ms            = $runs[8].ms
        throttle16_ms           = $runs[16].ms
        serial_max_in_flight    = $runs[1].maxInFlight
        throttle8_max_in_flight = $runs[8].maxInFlight
        throttle16_max_in_flight = $runs[16].maxInFlight
    })
}

Disconnect-FFAccount
$result | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $plan.outFile -Encoding utf8NoBOM
Write-Step 'done'
