namespace FunnelFlux.Benchmarks.Harness;

public enum BenchMode
{
    Quick,
    Full,
}

/// <summary>The command line: which mode, where the results and the report go.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        Usage (from the repository root):
          dotnet run -c Release --project tests/FunnelFlux.Benchmarks -- --full
          dotnet run -c Release --project tests/FunnelFlux.Benchmarks -- --quick

          --full                 every scenario at full size, several rounds, plus BenchmarkDotNet
                                 (needs a Release build); writes out/bench/results.json and
                                 docs/performance.md
          --quick                a smoke run: small counts, one round, no BenchmarkDotNet; writes
                                 out/bench/results.json and out/bench/performance.md
          --results <path>       where results.json goes
          --report <path>        where the Markdown report goes
          --no-bdn               a full run without the BenchmarkDotNet part
          --note <text>          a line shown at the top of the report (say, why it was run)
          --render-from <path>   only render the report from an existing results.json
        """;

    public BenchMode Mode { get; private init; }

    public string? ResultsPath { get; private init; }

    public string? ReportPath { get; private init; }

    public bool RunBenchmarkDotNet { get; private init; }

    public string? Note { get; private init; }

    public string? RenderFrom { get; private init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        BenchMode? mode = null;
        string? results = null;
        string? report = null;
        string? note = null;
        string? renderFrom = null;
        bool noBdn = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--full":
                case "--quick":
                    BenchMode chosen = arg == "--full" ? BenchMode.Full : BenchMode.Quick;
                    if (mode is not null && mode != chosen)
                    {
                        throw new UsageException("Choose one of --full and --quick.");
                    }
                    mode = chosen;
                    break;
                case "--results":
                    results = Value(args, ref i);
                    break;
                case "--report":
                    report = Value(args, ref i);
                    break;
                case "--note":
                    note = Value(args, ref i);
                    break;
                case "--render-from":
                    renderFrom = Value(args, ref i);
                    break;
                case "--no-bdn":
                    noBdn = true;
                    break;
                default:
                    throw new UsageException($"Unknown argument '{arg}'.");
            }
        }
        if (renderFrom is null && mode is null)
        {
            throw new UsageException("Say --full (numbers) or --quick (a smoke run).");
        }
        return new BenchOptions
        {
            Mode = mode ?? BenchMode.Full,
            ResultsPath = results,
            ReportPath = report,
            RunBenchmarkDotNet = mode == BenchMode.Full && !noBdn,
            Note = note,
            RenderFrom = renderFrom,
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{args[i]} needs a value.");
        }
        return args[++i];
    }
}

public sealed class UsageException(string message) : Exception(message);

/// <summary>The benchmark could not run, or what it measured is not to be trusted; the message says why.</summary>
public sealed class BenchmarkFailedException(string message, Exception? inner = null) : Exception(message, inner);
