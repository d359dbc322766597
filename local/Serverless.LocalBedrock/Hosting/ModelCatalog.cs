using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>A model id a request named, resolved to its configured base model.</summary>
/// <param name="ModelId">The id as requested (base model id or inference profile id; an ARN is reduced to its id).</param>
/// <param name="BaseModelId">The configured base model it routes to.</param>
/// <param name="Settings">That model's settings.</param>
public sealed record ResolvedModel(string ModelId, string BaseModelId, ModelSettings Settings);

/// <summary>Looks model ids (and inference profile ids, and ARNs of either) up in the live settings.</summary>
public static class ModelCatalog
{
    public const string InvalidModelMessage = "The provided model identifier is invalid.";

    public static ResolvedModel? Resolve(LocalBedrockSettings settings, string requested)
    {
        // arn:aws:bedrock:<region>:<account>:foundation-model/<id> or .../inference-profile/<id>
        var id = requested.StartsWith("arn:", StringComparison.Ordinal) && requested.LastIndexOf('/') is var slash and > 0
            ? requested[(slash + 1)..]
            : requested;
        if (settings.Models.TryGetValue(id, out var model))
        {
            return new ResolvedModel(id, id, model);
        }

        foreach (var (baseId, candidate) in settings.Models)
        {
            if (candidate.InferenceProfiles.Contains(id, StringComparer.Ordinal))
            {
                return new ResolvedModel(id, baseId, candidate);
            }
        }

        return null;
    }
}
