using System.Text;
using System.Text.Json;
using Serverless.LocalBedrock.Formats;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>
/// The jobs engine's view of the generator: one native InvokeModel body in, the native response out, with the
/// same validation, generation and token counts as InvokeModel — but no quota and no latency, because batch and
/// async inference do not draw on the on-demand quota.
/// </summary>
public sealed class LocalModelInvoker : IModelInvoker
{
    private readonly LocalBedrockRuntime _runtime;

    public LocalModelInvoker(LocalBedrockRuntime runtime)
    {
        _runtime = runtime;
    }

    public bool IsKnownModel(string modelId) => ModelCatalog.Resolve(_runtime.Settings, modelId) is not null;

    public ValueTask<ModelInvocationResult> InvokeAsync(string modelId, JsonElement modelInput, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ModelCatalog.Resolve(_runtime.Settings, modelId) is not { } model)
        {
            return ValueTask.FromResult(new ModelInvocationResult(null, 0, 0, 400, ModelCatalog.InvalidModelMessage));
        }

        try
        {
            var format = BodyFormats.For(model.Settings);
            var request = format.Parse(modelInput, model.Settings);
            var result = _runtime.Generator.Generate(model.BaseModelId, request);
            var body = format.Response(result, new FormatContext(model.ModelId, model.Settings, new Random(result.Seed), () => default));
            using var document = JsonDocument.Parse(body);
            return ValueTask.FromResult(new ModelInvocationResult(document.RootElement.Clone(), result.InputTokens, result.OutputTokens, null, null));
        }
        catch (Exception e) when (e is RequestValidationException or InvalidDataException)
        {
            return ValueTask.FromResult(new ModelInvocationResult(null, 0, 0, 400, e.Message));
        }
    }

    /// <summary>Convenience for callers holding the body as UTF-8 text.</summary>
    public ValueTask<ModelInvocationResult> InvokeAsync(string modelId, string modelInputJson, CancellationToken cancellationToken)
    {
        try
        {
            return InvokeAsync(modelId, JsonFields.ParseBody(Encoding.UTF8.GetBytes(modelInputJson)), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            return ValueTask.FromResult(new ModelInvocationResult(null, 0, 0, 400, e.Message));
        }
    }
}
