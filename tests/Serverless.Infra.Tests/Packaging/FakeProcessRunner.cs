using Serverless.Infra.Packaging;

namespace Serverless.Infra.Tests.Packaging;

/// <summary>Stands in for dotnet publish: records the call and writes what a publish would (or fails).</summary>
public sealed class FakeProcessRunner(int exitCode = 0, string? executableName = PublishPlan.AssemblyName) : IProcessRunner
{
    public List<(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)> Calls { get; } = [];

    public ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        Calls.Add((fileName, arguments, workingDirectory));
        var output = arguments[arguments.ToList().IndexOf("-o") + 1];
        Directory.CreateDirectory(output);
        if (exitCode == 0 && executableName is not null)
        {
            File.WriteAllText(Path.Combine(output, executableName), "#!/bin/sh\n");
            File.WriteAllText(Path.Combine(output, PublishPlan.AssemblyName + ".dll"), "dll");
        }

        return new ProcessResult(exitCode, exitCode == 0 ? "" : "error NU1101: Unable to find package Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64");
    }
}
