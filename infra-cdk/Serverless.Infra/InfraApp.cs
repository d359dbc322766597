using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Serverless.Infra.Configuration;

namespace Serverless.Infra;

/// <summary>
/// Builds the CDK app: one stack per environment of the cdk.json context (or only the one named by
/// <c>-c environment=NAME</c>).
/// </summary>
public static class InfraApp
{
    /// <summary>Context key that limits the synth to one environment.</summary>
    public const string EnvironmentContextKey = "environment";

    /// <summary>
    /// Context key that overrides every environment's deploy mode for one run (<c>-c deployMode=jit</c>): CI checks
    /// the whole synth, publish included, with the quickest publish.
    /// </summary>
    public const string DeployModeContextKey = "deployMode";

    public static IReadOnlyList<BedrockServerlessStack> AddStacks(App app, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(app);
        var context = ReadContext(app.Node.TryGetContext(InfraSettingsReader.ContextKey));
        var names = app.Node.TryGetContext(EnvironmentContextKey) is string only ? [only] : InfraSettingsReader.EnvironmentNames(context);
        DeployMode? mode = app.Node.TryGetContext(DeployModeContextKey) switch
        {
            null => null,
            string name when DeployModes.TryParse(name, out var parsed) => parsed,
            var other => throw new InfraSettingsException($"-c {DeployModeContextKey}={other}: not one of {DeployModes.AllNames}."),
        };

        return names.Select(name =>
        {
            var settings = InfraSettingsReader.Read(context, name);
            return new BedrockServerlessStack(app, mode is { } m ? settings with { DeployMode = m } : settings, repositoryRoot);
        }).ToList();
    }

    /// <summary>The context value as JSON: the CLI hands it over as parsed objects.</summary>
    public static JsonObject? ReadContext(object? value) => value switch
    {
        null => null,
        JsonObject node => node,
        string text => JsonNode.Parse(text) as JsonObject ?? throw new InfraSettingsException($"{InfraSettingsReader.ContextKey}: must be a JSON object."),
        _ => JsonSerializer.SerializeToNode(value) as JsonObject ?? throw new InfraSettingsException($"{InfraSettingsReader.ContextKey}: must be a JSON object."),
    };

    /// <summary>The folder holding cdk.json: the CDK CLI runs the app from there.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "cdk.json")) && Directory.Exists(Path.Combine(dir.FullName, "statemachines")))
            {
                return dir.FullName;
            }
        }

        throw new InfraSettingsException($"No cdk.json with statemachines/ beside it above {start}: run the app from the repository (npx cdk synth).");
    }
}
