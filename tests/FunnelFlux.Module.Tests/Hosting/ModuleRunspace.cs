using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using FunnelFlux.Tests.Shared;

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>
/// A runspace on the real PowerShell engine with the laid-out FunnelFlux module imported.
/// One per test class: the first runspace in a process costs about a second, later ones little.
/// </summary>
public sealed class ModuleRunspace : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleRunspace(bool importModule = true)
    {
        Host = new CapturingHost();
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(Host, state);
        _runspace.Open();
        if (importModule)
        {
            var result = Run("Import-Module -Name $args[0] -Force -ErrorAction Stop", ModulePaths.ManifestPath);
            if (result.Exception is not null || result.Errors.Count > 0)
            {
                throw new InvalidOperationException("Import-Module failed: " + result);
            }
        }
    }

    public CapturingHost Host { get; }

    public Runspace Runspace => _runspace;

    /// <summary>Runs <paramref name="script"/>; <c>$args</c> holds <paramref name="args"/>.</summary>
    public ScriptResult Run(string script, params object?[] args) => Run(script, null, args);

    /// <summary>Runs <paramref name="script"/> and lets <paramref name="onStarted"/> act on the running pipeline (to Stop it, say).</summary>
    public ScriptResult Run(string script, Action<PowerShell>? onStarted, params object?[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var arg in args)
        {
            ps.AddArgument(arg);
        }
        Exception? exception = null;
        var output = new PSDataCollection<PSObject>();
        try
        {
            if (onStarted is null)
            {
                ps.Invoke(null, output);
            }
            else
            {
                var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
                onStarted(ps);
                ps.EndInvoke(async);
            }
        }
        catch (Exception e) when (e is RuntimeException or PipelineStoppedException or ParameterBindingException)
        {
            exception = e;
        }
        var result = new ScriptResult
        {
            Output = output.ToList(),
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.ToList(),
            Verbose = ps.Streams.Verbose.ToList(),
            Debug = ps.Streams.Debug.ToList(),
            Information = ps.Streams.Information.ToList(),
            Progress = ps.Streams.Progress.ToList(),
            HostText = Host.CapturingUI.TakeText(),
            Exception = exception,
        };
        // Every script any test runs doubles as a leak check: no token may appear in what a user sees.
        Secrets.AssertAbsent(result.AllText());
        return result;
    }

    /// <summary>Sets a variable in the runspace's global scope.</summary>
    public void SetVariable(string name, object? value) =>
        _runspace.SessionStateProxy.SetVariable(name, value);

    public void Dispose() => _runspace.Dispose();
}
