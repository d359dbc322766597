using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Tokens;

namespace Serverless.LocalBedrock.Generation;

/// <summary>
/// Produces the answer to a request: text in the configured mode (seeded, echo, scripted), JSON for a response
/// schema, or a tool call for a forced tool. Pure apart from the script file: the same settings and request give
/// the same answer. Output is cut at maxTokens (stop reason max_tokens) or at a stop sequence.
/// </summary>
public sealed class ResponseGenerator
{
    private readonly LocalBedrockSettings _settings;
    private readonly Lock _scriptGate = new();
    private (string Path, ScriptBook Book)? _script;

    public ResponseGenerator(LocalBedrockSettings settings)
    {
        _settings = settings;
    }

    public GenerationResult Generate(string modelId, InvocationRequest request)
    {
        var seed = StableSeed.From(_settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), modelId, request.Prompt.Fingerprint());
        var random = new Random(seed);
        var inputTokens = request.Prompt.CountInputTokens();

        if (request.Tool is { } tool)
        {
            var input = JsonSchemaSampler.Sample(tool.InputSchema, random);
            var outputTokens = Tokenizer.Count(input);
            if (outputTokens > request.MaxTokens)
            {
                // A cut-off tool input is not a JSON document; Bedrock reports max_tokens and no usable call.
                return new GenerationResult { Text = "", InputTokens = inputTokens, OutputTokens = request.MaxTokens, StopReason = "max_tokens", Seed = seed };
            }

            var id = "tooluse_" + RandomIds.Base62(random, 22);
            return new GenerationResult
            {
                Text = "",
                ToolUse = new ToolCall(id, tool.Name, input),
                InputTokens = inputTokens,
                OutputTokens = outputTokens,
                StopReason = "tool_use",
                Seed = seed,
            };
        }

        var text = request.ResponseSchema is { } schema
            ? JsonSchemaSampler.Sample(schema, random)
            : ProduceText(request.Prompt, random);
        return Finish(text, request, inputTokens, seed);
    }

    private string ProduceText(Prompt prompt, Random random)
    {
        var generation = _settings.Generation;
        switch (generation.Mode)
        {
            case GenerationSettings.EchoMode:
                return prompt.LastUserText;
            case GenerationSettings.ScriptedMode when generation.ScriptFile is { } path:
                if (Script(path).Find(prompt.LastUserText) is { } scripted)
                {
                    return scripted;
                }

                goto default;
            default:
                return SeededText.Generate(random, generation.MinWords, generation.MaxWords);
        }
    }

    private static GenerationResult Finish(string text, InvocationRequest request, int inputTokens, int seed)
    {
        string? stopSequence = null;
        var cut = -1;
        foreach (var candidate in request.StopSequences)
        {
            var at = candidate.Length == 0 ? -1 : text.IndexOf(candidate, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
                stopSequence = candidate;
            }
        }

        var stopReason = "end_turn";
        if (cut >= 0)
        {
            text = text[..cut];
            stopReason = "stop_sequence";
        }

        var pieces = Tokenizer.Split(text);
        if (pieces.Count > request.MaxTokens)
        {
            text = string.Concat(pieces.Take(request.MaxTokens));
            stopReason = "max_tokens";
            stopSequence = null;
        }

        return new GenerationResult
        {
            Text = text,
            InputTokens = inputTokens,
            OutputTokens = Math.Min(pieces.Count, request.MaxTokens),
            StopReason = stopReason,
            StopSequence = stopSequence,
            Seed = seed,
        };
    }

    private ScriptBook Script(string path)
    {
        lock (_scriptGate)
        {
            if (_script is not { } loaded || loaded.Path != path)
            {
                _script = (path, ScriptBook.Load(path));
            }

            return _script.Value.Book;
        }
    }
}
