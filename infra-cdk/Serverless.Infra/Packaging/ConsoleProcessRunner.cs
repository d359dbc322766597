using System.Diagnostics;

namespace Serverless.Infra.Packaging;

/// <summary>Runs the program with its output relayed to stderr (stdout belongs to the CDK CLI protocol of some commands).</summary>
public sealed class ConsoleProcessRunner : IProcessRunner
{
    private const int TailLines = 40;

    public ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var tail = new Queue<string>();
        var gate = new Lock();
        void Relay(string? line)
        {
            if (line is null)
            {
                return;
            }

            Console.Error.WriteLine(line);
            lock (gate)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.OutputDataReceived += (_, e) => Relay(e.Data);
        process.ErrorDataReceived += (_, e) => Relay(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (gate)
        {
            return new ProcessResult(process.ExitCode, string.Join(Environment.NewLine, tail));
        }
    }
}
