using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Formats;

/// <summary>Applies a model's output cap and context window to a request.</summary>
internal static class OutputLimits
{
    /// <summary>The effective maxTokens: the requested value (checked against the model), or the model's default.</summary>
    public static int Effective(int? requested, ModelSettings model, string member)
    {
        if (requested is null)
        {
            return Math.Min(model.DefaultMaxTokens, model.MaxOutputTokens);
        }

        if (requested.Value > model.MaxOutputTokens)
        {
            throw new RequestValidationException(
                $"{member}: {requested.Value} > {model.MaxOutputTokens}, which is the maximum allowed number of output tokens for this model. Try again with a value that is lower than or equal to {model.MaxOutputTokens}.");
        }

        return requested.Value;
    }

    public static void CheckContext(int inputTokens, int maxTokens, ModelSettings model)
    {
        if (inputTokens + maxTokens > model.ContextWindow)
        {
            throw new RequestValidationException(
                $"Input is too long for requested model: {inputTokens} input tokens + {maxTokens} max tokens > {model.ContextWindow}, the model's context window.");
        }
    }
}
