using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Serverless.BatchLocal;
using Serverless.TestSupport;

namespace Serverless.Batch.Tests;

/// <summary>The deployed definition: valid ASL (asl-validator) once substituted, and every placeholder known and documented.</summary>
public sealed partial class StateMachineFileTests
{
    private static string Definition => File.ReadAllText(Path.Combine(RepoPaths.Root, WorkflowRun.DefinitionFile));

    [Fact]
    public async Task The_substituted_definition_is_valid_ASL()
    {
        var result = await WorkflowRun.RunAsync(RepoPaths.Root, new JsonObject
        {
            ["validateOnly"] = true,
            ["substitutions"] = LocalBatchStack.Substitutions(),
        }, null, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(result.Ok, result.ToString());
    }

    [Fact]
    public async Task An_invalid_definition_is_reported_by_asl_validator()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.asl.json");
        await File.WriteAllTextAsync(broken, Definition.Replace("\"Default\": \"NextPoll\"", "\"Default\": \"NoSuchState\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var result = await WorkflowRun.RunAsync(RepoPaths.Root, new JsonObject
            {
                ["validateOnly"] = true,
                ["definitionFile"] = broken,
                ["substitutions"] = LocalBatchStack.Substitutions(),
            }, null, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            Assert.False(result.Ok);
            Assert.Equal("InvalidDefinition", result.Error);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Every_placeholder_is_substituted_locally_and_documented()
    {
        var placeholders = Placeholder().Matches(Definition).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "batch-workflow.md"));

        Assert.Equal(8, placeholders.Count);
        Assert.Equal(placeholders, LocalBatchStack.Substitutions().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(placeholders, p => Assert.Contains("`${" + p + "}`", docs, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
