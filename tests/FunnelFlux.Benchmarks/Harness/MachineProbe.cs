using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace FunnelFlux.Benchmarks.Harness;

/// <summary>What the report says about the machine a run took place on.</summary>
public static class MachineProbe
{
    public static MachineInfo Describe()
    {
        double[]? load = LoadAverage();
        return new MachineInfo
        {
            OperatingSystem = RuntimeInformation.OSDescription,
            Cpu = CpuModel(),
            LogicalCores = Environment.ProcessorCount,
            MemoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
            DotnetRuntime = RuntimeInformation.FrameworkDescription,
            LoadAverageAtStart = load,
            // Busier than its cores before the run began: others' work competed with every figure.
            Loaded = load is not null && load[0] > Environment.ProcessorCount,
        };
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or null where there are none.</summary>
    public static double[]? LoadAverage()
    {
        try
        {
            string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return fields.Take(3).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The output of a short command (dotnet --version, git rev-parse), or null if it fails.</summary>
    public static string? Ask(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file)
            {
                WorkingDirectory = Dotnet.RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }
            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The commit the run measured, with "+changes" when the work tree differs from it.</summary>
    public static string? Commit()
    {
        string? head = Ask("git", "rev-parse", "--short=12", "HEAD");
        if (head is null)
        {
            return null;
        }
        string? changes = Ask("git", "status", "--porcelain", "--untracked-files=no");
        return changes is null ? head : head + "+changes";
    }

    private static string? CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
