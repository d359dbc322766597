using System.Text.RegularExpressions;
using Serverless.Infra.Configuration;

namespace Serverless.Infra.Resources;

/// <summary>
/// statemachines/batch-inference.asl.json — the very file the local runs execute — with its <c>${Name}</c>
/// placeholders checked against the substitutions before deploy: a placeholder without a value or a value without a
/// placeholder fails the synth, naming it.
/// </summary>
public static partial class StateMachineDefinition
{
    public const string RelativePath = "statemachines/batch-inference.asl.json";

    public static string Load(string repositoryRoot, IReadOnlyDictionary<string, string> substitutions)
    {
        ArgumentNullException.ThrowIfNull(substitutions);
        var path = Path.Combine(repositoryRoot, RelativePath);
        if (!File.Exists(path))
        {
            throw new InfraSettingsException($"The batch state machine definition {path} is missing.");
        }

        var text = File.ReadAllText(path);
        var placeholders = Placeholders(text);
        var missing = placeholders.Where(p => !substitutions.ContainsKey(p)).ToList();
        var unused = substitutions.Keys.Where(k => !placeholders.Contains(k)).ToList();
        if (missing.Count > 0 || unused.Count > 0)
        {
            throw new InfraSettingsException(
                $"{RelativePath}: placeholders without a value: [{string.Join(", ", missing)}]; values without a placeholder: [{string.Join(", ", unused)}].");
        }

        return text;
    }

    public static HashSet<string> Placeholders(string definition) =>
        PlaceholderPattern().Matches(definition).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex PlaceholderPattern();
}
