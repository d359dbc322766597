using System.Diagnostics;
using System.Text;

namespace Serverless.TestSupport;

/// <summary>Runs a Node.js script of the repo (with the repo's node_modules) and returns what it printed.</summary>
public static class NodeScript
{
    public static async Task<string> RunAsync(string scriptPathFromRoot, string stdin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, scriptPathFromRoot)])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["NODE_NO_WARNINGS"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), timeoutSource.Token);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
            await process.WaitForExitAsync(timeoutSource.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {scriptPathFromRoot} exited with {process.ExitCode}: {await stderr}");
            }

            return await stdout;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
