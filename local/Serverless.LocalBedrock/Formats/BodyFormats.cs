using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Formats;

/// <summary>Finds the body format a model's settings name.</summary>
internal static class BodyFormats
{
    private static readonly AnthropicMessagesFormat Anthropic = new();
    private static readonly NovaFormat Nova = new();
    private static readonly TitanTextFormat Titan = new();
    private static readonly LlamaFormat Llama = new();

    public static IModelBodyFormat For(ModelSettings model) => model.Format switch
    {
        ModelFormats.Anthropic => Anthropic,
        ModelFormats.Nova => Nova,
        ModelFormats.TitanText => Titan,
        ModelFormats.Llama => Llama,
        _ => throw new InvalidDataException($"Model format '{model.Format}' is not one of anthropic, nova, titan-text, llama."),
    };
}
