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

    public static IReadOnlyList<BedrockServerlessStack> AddStacks(App app, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(app);
        var context = ReadContext(app.Node.TryGetContext(InfraSettingsReader.ContextKey));
        var names = app.Node.TryGetContext(EnvironmentContextKey) is string only ? [only] : InfraSettingsReader.EnvironmentNames(context);
        return names.Select(name => new BedrockServerlessStack(app, InfraSettingsReader.Read(context, name), repositoryRoot)).ToList();
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
