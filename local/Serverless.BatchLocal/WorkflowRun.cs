using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.BatchLocal;

/// <summary>What one local execution of the state machine reported (tests/js-sdk/batch-workflow-driver.mjs).</summary>
public sealed class WorkflowResult(JsonObject raw)
{
    public bool Ok => raw["ok"]?.GetValue<bool>() == true;

    public JsonNode? Output => raw["output"];

    public string? Error => raw["error"]?.GetValue<string>();

    public string? Cause => raw["cause"]?.GetValue<string>();

    /// <summary>States entered plus retries: what Step Functions bills as state transitions.</summary>
    public int Transitions => raw["transitions"]?.GetValue<int>() ?? 0;

    public int Polls => raw["polls"]?.GetValue<int>() ?? 0;

    public int Retried => raw["retried"]?.GetValue<int>() ?? 0;

    public double WaitedSeconds => raw["waitedSeconds"]?.GetValue<double>() ?? 0;

    public JsonArray Events => raw["events"]?.AsArray() ?? [];

    public override string ToString() => raw.ToJsonString();
}

/// <summary>Runs the node driver with Node 22 from the npm <c>node</c> package, passing progress lines to a callback.</summary>
public static class WorkflowRun
{
    public const string DriverScript = "tests/js-sdk/batch-workflow-driver.mjs";
    public const string DefinitionFile = "statemachines/batch-inference.asl.json";

    /// <summary>node_modules/node/bin/node: aws-local-stepfunctions needs Node 22 or later.</summary>
    public static string NodeExecutable(string root)
    {
        var node = Path.Combine(root, "node_modules", "node", "bin", "node");
        return File.Exists(node) ? node : throw new InvalidOperationException($"{node} is missing: run `npm ci` in {root} (package.json pins Node 22 as the npm package \"node\").");
    }

    public static async Task<WorkflowResult> RunAsync(string root, JsonObject spec, Action<JsonObject>? progress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        spec["definitionFile"] ??= Path.Combine(root, DefinitionFile);
        var start = new ProcessStartInfo(NodeExecutable(root), [Path.Combine(root, DriverScript)])
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["NODE_NO_WARNINGS"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.StandardInput.WriteAsync(spec.ToJsonString().AsMemory(), limit.Token).ConfigureAwait(false);
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            JsonObject? final = null;
            while (await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false) is { } line)
            {
                if (JsonNode.Parse(line) is not JsonObject message)
                {
                    continue;
                }

                if (message["progress"] is JsonObject update)
                {
                    progress?.Invoke(update);
                }
                else
                {
                    final = message;
                }
            }

            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return final is not null && process.ExitCode == 0
                ? new WorkflowResult(final)
                : throw new InvalidOperationException($"The workflow driver exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
