namespace Serverless.Infra.Packaging;

/// <summary>Runs a program to completion; injected so the bundling logic is tested without a real dotnet publish.</summary>
public interface IProcessRunner
{
    /// <returns>The exit code and the tail of what the program wrote.</returns>
    ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory);
}

public sealed record ProcessResult(int ExitCode, string OutputTail);
