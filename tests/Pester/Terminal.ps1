# Helpers for the suites that need what only a real console host shows: other pwsh processes
# started as a user would start them, and an interactive terminal. Dot-source in a BeforeAll:
#
#     . (Join-Path $PSScriptRoot 'Terminal.ps1')
#
# Invoke-FFTestPwsh        runs pwsh -File (optionally -NonInteractive) with no console input at
#                          all (stdin closed at once), and returns its exit code, stdout and stderr
# New-FFTestTerminal       starts pwsh at an interactive prompt in a pseudo-terminal of a given
#                          size (util-linux 'script'), to type commands into as a person would
# Test-FFTestTerminalSupport  whether New-FFTestTerminal can run here (Linux with 'script')

function Invoke-FFTestPwsh {
    param(
        [Parameter(Mandatory = $true)]
        [string] $ScriptPath,
        [switch] $NonInteractive,
        [int] $TimeoutSec = 180
    )
    $start = New-Object -TypeName System.Diagnostics.ProcessStartInfo -ArgumentList (Get-FFTestPowerShellPath)
    $arguments = @('-NoProfile')
    if ($NonInteractive) {
        $arguments += '-NonInteractive'
    }
    $arguments += @('-File', $ScriptPath)
    foreach ($argument in $arguments) {
        $start.ArgumentList.Add($argument)
    }
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.Environment['NO_COLOR'] = '1'
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        # No console input at all: a prompt reads end-of-file at once, as under a scheduler or CI.
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "pwsh -File $ScriptPath did not finish within $TimeoutSec s. Its output so far: $($stdout.Result)"
        }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            StdOut   = $stdout.Result -replace "`e\[[0-9;?]*[ -/]*[@-~]", ''
            StdErr   = $stderr.Result -replace "`e\[[0-9;?]*[ -/]*[@-~]", ''
        }
    }
    finally {
        $process.Dispose()
    }
}

function Test-FFTestTerminalSupport {
    $IsLinux -and [bool](Get-Command -Name script -CommandType Application -ErrorAction SilentlyContinue)
}

if ((Test-FFTestTerminalSupport) -and -not ('FunnelFluxTests.PseudoTerminal' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace FunnelFluxTests
{
    /// <summary>
    /// pwsh at its interactive prompt in a pseudo-terminal (util-linux script), typed into as a
    /// person would. It plays the terminal's one duty PSReadLine waits for: answering "where is
    /// the cursor?" (ESC[6n).
    /// </summary>
    public sealed class PseudoTerminal : IDisposable
    {
        private static readonly Regex ControlSequence = new Regex(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>])");
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();
        private readonly Thread _reader;

        public PseudoTerminal(string command, int columns, int rows)
        {
            var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-qfec");
            start.ArgumentList.Add("stty cols " + columns + " rows " + rows + "; exec " + command);
            start.ArgumentList.Add("/dev/null");
            start.Environment["TERM"] = "xterm";
            _process = Process.Start(start);
            _reader = new Thread(Read) { IsBackground = true };
            _reader.Start();
        }

        private void Read()
        {
            var buffer = new char[4096];
            int read;
            while ((read = _process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
            {
                string chunk = new string(buffer, 0, read);
                lock (_output) { _output.Append(chunk); }
                for (int i = Regex.Matches(chunk, @"\x1b\[6n").Count; i > 0; i--) { Send("\x1b[1;1R"); }
            }
        }

        /// <summary>Everything the terminal received, control sequences removed.</summary>
        public string Text { get { lock (_output) { return ControlSequence.Replace(_output.ToString(), string.Empty); } } }

        public bool HasExited => _process.HasExited;

        public void Send(string keys)
        {
            try { _process.StandardInput.Write(keys); _process.StandardInput.Flush(); }
            catch (System.IO.IOException) { }
        }

        /// <summary>Waits until the text matches <paramref name="pattern"/>; the match, or null on timeout or exit.</summary>
        public string WaitFor(string pattern, int timeoutSeconds)
        {
            var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
            while (true)
            {
                var match = Regex.Match(Text, pattern);
                if (match.Success) return match.Value;
                if (_process.HasExited) { _reader.Join(2000); match = Regex.Match(Text, pattern); return match.Success ? match.Value : null; }
                if (DateTime.UtcNow > deadline) return null;
                Thread.Sleep(100);
            }
        }

        public bool WaitForExit(int timeoutSeconds) => _process.WaitForExit(timeoutSeconds * 1000);

        public void Dispose()
        {
            try { if (!_process.HasExited) { _process.Kill(true); _process.WaitForExit(5000); } }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }
}
'@
}

function New-FFTestTerminal {
    # pwsh (this one's version) at its interactive prompt, -NoProfile, in a terminal of the given size.
    param(
        [int] $Columns = 80,
        [int] $Rows = 40
    )
    $quoted = @((Get-FFTestPowerShellPath), '-NoProfile', '-NoLogo') | ForEach-Object { "'" + ($_ -replace "'", "'\''") + "'" }
    $terminal = New-Object -TypeName FunnelFluxTests.PseudoTerminal -ArgumentList ($quoted -join ' '), $Columns, $Rows
    if (-not $terminal.WaitFor('PS [^\r\n]*> ', 60)) {
        $text = $terminal.Text
        $terminal.Dispose()
        throw "pwsh showed no prompt in the terminal within 60 s. It showed: $text"
    }
    $terminal
}

function Send-FFTestTerminalLine {
    # Types one line and Enter, then waits for the marker that the line prints last. Returns what
    # appeared after the typed line, or throws with the terminal's text on a timeout. A prompt
    # ("Continue with this operation?") ends the wait at once, so that a regression fails fast.
    param(
        [Parameter(Mandatory = $true)] $Terminal,
        [Parameter(Mandatory = $true)] [string] $Line,
        [int] $TimeoutSec = 90
    )
    $marker = 'DONE' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $before = $Terminal.Text.Length
    # The marker is built from two halves, so its echo while typing never matches.
    $Terminal.Send("$Line; '$($marker.Substring(0, 4))' + '$($marker.Substring(4))'`r")
    $seen = $Terminal.WaitFor("(?m)^$marker\s*$|Continue with this operation\?", $TimeoutSec)
    if ($null -eq $seen) {
        throw "The terminal did not finish '$Line' within $TimeoutSec s. It showed: $($Terminal.Text.Substring($before))"
    }
    if ($seen -like 'Continue*') {
        # Answer, so the session can end; the caller's assertions report the prompt.
        $Terminal.Send("A`r")
        $null = $Terminal.WaitFor("(?m)^$marker\s*$", 30)
    }
    $Terminal.Text.Substring($before)
}
