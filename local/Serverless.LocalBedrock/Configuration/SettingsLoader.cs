using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.LocalBedrock.Configuration;

/// <summary>
/// Builds settings from the embedded defaults, deep-merged with an override document: objects merge member by
/// member (so an override may change one quota of one model), anything else replaces the default.
/// </summary>
public static class SettingsLoader
{
    private const string DefaultsResource = "local-bedrock.defaults.json";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The documented defaults (a fresh copy each call).</summary>
    public static LocalBedrockSettings Defaults() => Merge(null);

    /// <summary>Defaults merged with the JSON file at <paramref name="path"/>; a relative script file resolves against the file's folder.</summary>
    public static LocalBedrockSettings LoadFile(string path)
    {
        var settings = Merge(File.ReadAllText(path));
        if (settings.Generation.ScriptFile is { } script && !Path.IsPathRooted(script))
        {
            settings.Generation.ScriptFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, script);
        }

        return settings;
    }

    /// <summary>Defaults merged with an override JSON text (null: defaults only).</summary>
    public static LocalBedrockSettings Merge(string? overrideJson)
    {
        var merged = JsonNode.Parse(ReadDefaults(), documentOptions: DocumentOptions)!.AsObject();
        if (overrideJson is not null)
        {
            JsonNode? overrides;
            try
            {
                overrides = JsonNode.Parse(overrideJson, documentOptions: DocumentOptions);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException("The local Bedrock configuration is not valid JSON: " + e.Message, e);
            }

            if (overrides is not JsonObject overrideObject)
            {
                throw new InvalidDataException("The local Bedrock configuration must be a JSON object.");
            }

            MergeInto(merged, overrideObject);
        }

        try
        {
            return merged.Deserialize(SettingsJsonContext.Default.LocalBedrockSettings)
                ?? throw new InvalidDataException("The local Bedrock configuration is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The local Bedrock configuration is invalid at {e.Path}: {e.Message}", e);
        }
    }

    private static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source.ToList())
        {
            if (value is JsonObject sourceChild && target[name] is JsonObject targetChild)
            {
                MergeInto(targetChild, sourceChild);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private static string ReadDefaults()
    {
        using var stream = typeof(SettingsLoader).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultsResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
