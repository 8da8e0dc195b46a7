using System;
using System.Collections.Generic;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Collects problems and prints them in MSBuild's canonical "file(line): error CODE: text"
    /// form, so the Exec task that runs this tool turns each one into a real build error that an
    /// IDE can jump to.
    /// </summary>
    public sealed class Diagnostics
    {
        private readonly List<string> _errors = new();

        public bool HasErrors => _errors.Count > 0;

        public void Error(string file, int line, string code, string message)
        {
            string location = line > 0 ? $"{file}({line})" : file;
            _errors.Add($"{location}: error {code}: {message}");
        }

        public void Print()
        {
            foreach (string error in _errors)
            {
                Console.Error.WriteLine(error);
            }
        }
    }
}
