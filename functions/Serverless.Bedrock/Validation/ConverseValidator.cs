using System.Text.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Validation;

/// <summary>Checks Converse / ConverseStream / CountTokens input before it is sent.</summary>
internal static class ConverseValidator
{
    public static void Validate(ConverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateShared(request.ModelId, request.Messages, request.System, request.InferenceConfig, request.ToolConfig,
            request.AdditionalModelResponseFieldPaths, request.OutputConfig, request.ServiceTier);
        Check.OneOf(request.GuardrailConfig?.Trace, "guardrailConfig.trace", "enabled", "disabled", "enabled_full");
        Check.Matches(request.GuardrailConfig?.GuardrailVersion, "guardrailConfig.guardrailVersion", Patterns.GuardrailVersion(), "a version number or DRAFT");
    }

    public static void Validate(ConverseStreamRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateShared(request.ModelId, request.Messages, request.System, request.InferenceConfig, request.ToolConfig,
            request.AdditionalModelResponseFieldPaths, request.OutputConfig, request.ServiceTier);
        Check.OneOf(request.GuardrailConfig?.Trace, "guardrailConfig.trace", "enabled", "disabled", "enabled_full");
        Check.OneOf(request.GuardrailConfig?.StreamProcessingMode, "guardrailConfig.streamProcessingMode", "sync", "async");
        Check.Matches(request.GuardrailConfig?.GuardrailVersion, "guardrailConfig.guardrailVersion", Patterns.GuardrailVersion(), "a version number or DRAFT");
    }

    public static void Validate(CountTokensRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check.Required(request.ModelId, "modelId");
        Check.Length(request.ModelId, "modelId", 1, 256);
        Check.Matches(request.ModelId, "modelId", Patterns.FoundationModelVersionIdentifier(), "a foundation model id");
        Check.Required(request.Input, "input");
        Check.ExactlyOne("input", request.Input.InvokeModel, request.Input.Converse);
        if (request.Input.InvokeModel is { } invoke)
        {
            Check.Required(invoke.Body, "input.invokeModel.body");
            Check.Range(invoke.Body.Length, "input.invokeModel.body (bytes)", 0, 25_000_000);
        }

        if (request.Input.Converse is { } converse)
        {
            Messages(converse.Messages, "input.converse.messages", required: true);
            SystemBlocks(converse.System, "input.converse.system");
            Tools(converse.ToolConfig, "input.converse.toolConfig");
        }
    }

    private static void ValidateShared(string modelId, List<Message>? messages, List<SystemContentBlock>? system,
        InferenceConfiguration? inference, ToolConfiguration? tools, List<string>? responseFieldPaths, OutputConfig? output,
        ServiceTier? serviceTier)
    {
        Check.Required(modelId, "modelId");
        Check.Length(modelId, "modelId", 1, 2048);
        // A prompt-management ARN carries its own messages; every other model needs at least one.
        Messages(messages, "messages", required: !modelId.Contains(":prompt/", StringComparison.Ordinal));
        SystemBlocks(system, "system");
        if (inference is not null)
        {
            Check.Range(inference.MaxTokens, "inferenceConfig.maxTokens", 1, int.MaxValue);
            Check.Range(inference.Temperature, "inferenceConfig.temperature", 0f, 1f);
            Check.Range(inference.TopP, "inferenceConfig.topP", 0f, 1f);
            Check.Count(inference.StopSequences, "inferenceConfig.stopSequences", 0, 2500);
            for (var i = 0; i < (inference.StopSequences?.Count ?? 0); i++)
            {
                Check.Length(inference.StopSequences![i], $"inferenceConfig.stopSequences[{i}]", 1, int.MaxValue);
            }
        }

        Tools(tools, "toolConfig");
        Check.Count(responseFieldPaths, "additionalModelResponseFieldPaths", 0, 10);
        for (var i = 0; i < (responseFieldPaths?.Count ?? 0); i++)
        {
            Check.Length(responseFieldPaths![i], $"additionalModelResponseFieldPaths[{i}]", 1, 256);
        }

        if (serviceTier is not null)
        {
            Check.OneOf(serviceTier.Type, "serviceTier.type", "priority", "default", "flex", "reserved");
        }

        OutputFormat(output);
    }

    private static void Messages(List<Message>? messages, string field, bool required)
    {
        if (required && (messages is null || messages.Count == 0))
        {
            throw Check.Fail(field, "at least one message is required");
        }

        for (var i = 0; i < (messages?.Count ?? 0); i++)
        {
            var message = messages![i];
            var path = $"{field}[{i}]";
            Check.Required(message, path);
            Check.OneOf(message.Role, $"{path}.role", ConversationRole.User, ConversationRole.Assistant);
            if (message.Content is null || message.Content.Count == 0)
            {
                throw Check.Fail($"{path}.content", "at least one content block is required");
            }

            for (var j = 0; j < message.Content.Count; j++)
            {
                ContentBlockValidator.Validate(message.Content[j], $"{path}.content[{j}]");
            }
        }
    }

    private static void SystemBlocks(List<SystemContentBlock>? system, string field)
    {
        for (var i = 0; i < (system?.Count ?? 0); i++)
        {
            var block = system![i];
            var path = $"{field}[{i}]";
            Check.Required(block, path);
            Check.ExactlyOne(path, block.Text, block.GuardContent, block.CachePoint);
            if (block.Text is not null && block.Text.Length == 0)
            {
                throw Check.Fail($"{path}.text", "must not be empty");
            }
        }
    }

    private static void Tools(ToolConfiguration? config, string field)
    {
        if (config is null)
        {
            return;
        }

        if (config.Tools is null || config.Tools.Count == 0)
        {
            throw Check.Fail($"{field}.tools", "at least one tool is required");
        }

        for (var i = 0; i < config.Tools.Count; i++)
        {
            var tool = config.Tools[i];
            var path = $"{field}.tools[{i}]";
            Check.Required(tool, path);
            Check.ExactlyOne(path, tool.ToolSpec, tool.SystemTool, tool.CachePoint);
            if (tool.ToolSpec is { } spec)
            {
                Check.Required(spec.Name, $"{path}.toolSpec.name");
                Check.Matches(spec.Name, $"{path}.toolSpec.name", Patterns.ToolName(), "1-64 characters of [a-zA-Z0-9_-]");
                if (spec.Description is not null)
                {
                    Check.Length(spec.Description, $"{path}.toolSpec.description", 1, int.MaxValue);
                }

                if (spec.InputSchema?.Json is not { ValueKind: JsonValueKind.Object })
                {
                    throw Check.Fail($"{path}.toolSpec.inputSchema.json", "is required (a JSON schema object)");
                }
            }

            if (tool.SystemTool is { } systemTool)
            {
                Check.Matches(systemTool.Name ?? "", $"{path}.systemTool.name", Patterns.ToolName(), "1-64 characters of [a-zA-Z0-9_-]");
            }
        }

        if (config.ToolChoice is { } choice)
        {
            Check.ExactlyOne($"{field}.toolChoice", choice.Auto, choice.Any, choice.Tool);
            if (choice.Tool is { } specific)
            {
                Check.Matches(specific.Name ?? "", $"{field}.toolChoice.tool.name", Patterns.ToolName(), "1-64 characters of [a-zA-Z0-9_-]");
            }
        }
    }

    private static void OutputFormat(OutputConfig? output)
    {
        if (output is null)
        {
            return;
        }

        Check.Length(output.Effort, "outputConfig.effort", 0, 16);
        if (output.TextFormat is not { } format)
        {
            return;
        }

        Check.OneOf(format.Type, "outputConfig.textFormat.type", "json_schema");
        Check.Required(format.Structure, "outputConfig.textFormat.structure");
        Check.ExactlyOne("outputConfig.textFormat.structure", format.Structure.JsonSchema);
        var schema = format.Structure.JsonSchema!.Schema;
        Check.Required(schema, "outputConfig.textFormat.structure.jsonSchema.schema");
        try
        {
            using var parsed = JsonDocument.Parse(schema);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Check.Fail("outputConfig.textFormat.structure.jsonSchema.schema", "must be a JSON object (the schema as a string)");
            }
        }
        catch (JsonException ex)
        {
            throw Check.Fail("outputConfig.textFormat.structure.jsonSchema.schema", "is not valid JSON: " + ex.Message);
        }
    }
}
