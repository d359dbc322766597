using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Generation;
using static Serverless.LocalBedrock.Formats.JsonFields;

namespace Serverless.LocalBedrock.Formats;

/// <summary>Validates a Converse / ConverseStream body (or CountTokens' <c>input.converse</c>) and reduces it to an <see cref="InvocationRequest"/>.</summary>
internal static class ConverseRequestReader
{
    private static readonly HashSet<string> PlaceholderBlocks = ["image", "document", "video", "audio", "guardContent", "searchResult", "citationsContent"];

    /// <summary>Reads a full Converse request.</summary>
    public static InvocationRequest Read(JsonElement body, ModelSettings model)
    {
        RequireObject(body, "");
        var prompt = ReadPrompt(body, "", requireMessages: true);
        var path = "inferenceConfig";
        int? maxTokens = null;
        var stopSequences = new List<string>();
        if (OptionalObject(body, "inferenceConfig", "") is { } inference)
        {
            maxTokens = OptionalInt(inference, "maxTokens", path, min: 1);
            OptionalNumber(inference, "temperature", path, 0, 1);
            OptionalNumber(inference, "topP", path, 0, 1);
            stopSequences = OptionalStringList(inference, "stopSequences", path);
        }

        var effective = OutputLimits.Effective(maxTokens, model, "inferenceConfig.maxTokens");
        OutputLimits.CheckContext(prompt.CountInputTokens(), effective, model);
        return new InvocationRequest
        {
            Prompt = prompt,
            MaxTokens = effective,
            StopSequences = stopSequences,
            Tool = ReadForcedTool(body, model),
            ResponseSchema = ReadResponseSchema(body, model),
        };
    }

    /// <summary>Reads the conversation part (messages, system, tools) — all CountTokens needs.</summary>
    public static Prompt ReadPrompt(JsonElement body, string path, bool requireMessages)
    {
        RequireObject(body, path);
        var messages = new List<PromptMessage>();
        var messagesPath = Join(path, "messages");
        var array = requireMessages ? RequiredArray(body, "messages", path) : OptionalArray(body, "messages", path);
        if (array is { } list)
        {
            var index = 0;
            foreach (var message in list.EnumerateArray())
            {
                messages.Add(ReadMessage(message, Join(messagesPath, index++)));
            }
        }

        if (requireMessages)
        {
            CheckTurns(messages, messagesPath);
        }

        var system = new List<string>();
        if (OptionalArray(body, "system", path) is { } systemBlocks)
        {
            var index = 0;
            foreach (var block in systemBlocks.EnumerateArray())
            {
                var blockPath = Join(Join(path, "system"), index++);
                RequireObject(block, blockPath);
                if (OptionalString(block, "text", blockPath) is { } text)
                {
                    system.Add(NonEmpty(text, Join(blockPath, "text")));
                }
            }
        }

        var tools = new List<string>();
        if (OptionalObject(body, "toolConfig", path) is { } toolConfig)
        {
            foreach (var (_, spec) in ReadToolSpecs(toolConfig, Join(path, "toolConfig")))
            {
                tools.Add(Prompt.RawText(spec));
            }
        }

        return new Prompt { System = system, Messages = messages, ToolDefinitions = tools };
    }

    private static PromptMessage ReadMessage(JsonElement message, string path)
    {
        RequireObject(message, path);
        var role = RequiredString(message, "role", path);
        if (role is not ("user" or "assistant"))
        {
            throw new RequestValidationException($"{Join(path, "role")}: Input should be 'user' or 'assistant'");
        }

        var contentPath = Join(path, "content");
        var content = RequiredArray(message, "content", path);
        if (content.GetArrayLength() == 0)
        {
            throw new RequestValidationException($"{contentPath}: List should have at least 1 item");
        }

        var texts = new List<string>();
        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            ReadContentBlock(block, Join(contentPath, index++), texts);
        }

        return new PromptMessage(role, texts);
    }

    private static void ReadContentBlock(JsonElement block, string path, List<string> texts)
    {
        RequireObject(block, path);
        var members = block.EnumerateObject().Where(m => m.Value.ValueKind != JsonValueKind.Null).ToList();
        if (members.Count != 1)
        {
            throw new RequestValidationException($"{path}: a content block must set exactly one member (text, image, document, toolUse, toolResult, ...), found {members.Count}");
        }

        var member = members[0];
        var memberPath = Join(path, member.Name);
        switch (member.Name)
        {
            case "text":
                texts.Add(AsString(member.Value, memberPath));
                break;
            case "toolUse":
                RequireObject(member.Value, memberPath);
                RequiredString(member.Value, "toolUseId", memberPath);
                texts.Add(RequiredString(member.Value, "name", memberPath));
                texts.Add(Prompt.RawText(Required(member.Value, "input", memberPath)));
                break;
            case "toolResult":
                RequireObject(member.Value, memberPath);
                RequiredString(member.Value, "toolUseId", memberPath);
                var resultIndex = 0;
                foreach (var part in RequiredArray(member.Value, "content", memberPath).EnumerateArray())
                {
                    var partPath = Join(Join(memberPath, "content"), resultIndex++);
                    RequireObject(part, partPath);
                    if (OptionalString(part, "text", partPath) is { } text)
                    {
                        texts.Add(text);
                    }
                    else if (TryGet(part, "json", out var json))
                    {
                        texts.Add(Prompt.RawText(json));
                    }
                }

                break;
            case "reasoningContent":
                if (member.Value.TryGetProperty("reasoningText", out var reasoning) && reasoning.ValueKind == JsonValueKind.Object
                    && OptionalString(reasoning, "text", Join(memberPath, "reasoningText")) is { } thought)
                {
                    texts.Add(thought);
                }

                break;
            case "cachePoint":
                break;
            default:
                if (!PlaceholderBlocks.Contains(member.Name))
                {
                    throw new RequestValidationException($"{memberPath}: unknown content block type '{member.Name}'");
                }

                // Media is not looked at; a placeholder keeps its token cost small and stable.
                texts.Add($"[{member.Name}]");
                break;
        }
    }

    private static void CheckTurns(List<PromptMessage> messages, string path)
    {
        if (messages.Count == 0)
        {
            throw new RequestValidationException($"{path}: List should have at least 1 item");
        }

        if (messages[0].Role != "user")
        {
            throw new RequestValidationException($"{Join(path, 0)}.role: A conversation must start with a user message. Try again with a conversation that starts with a user message.");
        }

        for (var i = 1; i < messages.Count; i++)
        {
            if (messages[i].Role == messages[i - 1].Role)
            {
                throw new RequestValidationException($"{Join(path, i)}.role: A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.");
            }
        }
    }

    private static List<(string Name, JsonElement Spec)> ReadToolSpecs(JsonElement toolConfig, string path)
    {
        var tools = RequiredArray(toolConfig, "tools", path);
        if (tools.GetArrayLength() == 0)
        {
            throw new RequestValidationException($"{Join(path, "tools")}: List should have at least 1 item");
        }

        var specs = new List<(string, JsonElement)>();
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var toolPath = Join(Join(path, "tools"), index++);
            RequireObject(tool, toolPath);
            if (OptionalObject(tool, "toolSpec", toolPath) is not { } spec)
            {
                continue;
            }

            var specPath = Join(toolPath, "toolSpec");
            var name = RequiredString(spec, "name", specPath);
            var schemaHolder = Required(spec, "inputSchema", specPath);
            RequireObject(schemaHolder, Join(specPath, "inputSchema"));
            var schema = Required(schemaHolder, "json", Join(specPath, "inputSchema"));
            RequireObject(schema, Join(specPath, "inputSchema.json"));
            specs.Add((name, spec));
        }

        return specs;
    }

    private static ForcedTool? ReadForcedTool(JsonElement body, ModelSettings model)
    {
        if (OptionalObject(body, "toolConfig", "") is not { } toolConfig)
        {
            return null;
        }

        if (!model.SupportsToolUse)
        {
            throw new RequestValidationException("toolConfig: This model doesn't support tool use.");
        }

        var specs = ReadToolSpecs(toolConfig, "toolConfig");
        if (OptionalObject(toolConfig, "toolChoice", "toolConfig") is not { } choice)
        {
            return null;
        }

        if (OptionalObject(choice, "tool", "toolConfig.toolChoice") is { } specific)
        {
            var name = RequiredString(specific, "name", "toolConfig.toolChoice.tool");
            var match = specs.FirstOrDefault(s => s.Name == name);
            if (match.Name is null)
            {
                throw new RequestValidationException($"toolConfig.toolChoice.tool.name: the tool '{name}' is not one of toolConfig.tools");
            }

            return new ForcedTool(name, match.Spec.GetProperty("inputSchema").GetProperty("json"));
        }

        if (OptionalObject(choice, "any", "toolConfig.toolChoice") is not null && specs.Count > 0)
        {
            return new ForcedTool(specs[0].Name, specs[0].Spec.GetProperty("inputSchema").GetProperty("json"));
        }

        return null;
    }

    private static JsonElement? ReadResponseSchema(JsonElement body, ModelSettings model)
    {
        if (OptionalObject(body, "outputConfig", "") is not { } outputConfig
            || OptionalObject(outputConfig, "textFormat", "outputConfig") is not { } textFormat)
        {
            return null;
        }

        const string path = "outputConfig.textFormat";
        if (!model.SupportsStructuredOutput)
        {
            throw new RequestValidationException($"{path}: This model doesn't support structured output. Try again without outputConfig.textFormat or with a model that supports it.");
        }

        var type = RequiredString(textFormat, "type", path);
        if (type != "json_schema")
        {
            throw new RequestValidationException($"{path}.type: Input should be 'json_schema'");
        }

        var structure = Required(textFormat, "structure", path);
        RequireObject(structure, path + ".structure");
        var definition = Required(structure, "jsonSchema", path + ".structure");
        RequireObject(definition, path + ".structure.jsonSchema");
        var schemaText = RequiredString(definition, "schema", path + ".structure.jsonSchema");
        return ParseSchema(schemaText, path + ".structure.jsonSchema.schema");
    }

    public static JsonElement ParseSchema(string schemaText, string member)
    {
        try
        {
            using var document = JsonDocument.Parse(schemaText);
            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.True))
            {
                throw new RequestValidationException($"{member}: the JSON schema must be a JSON object");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RequestValidationException($"{member}: the JSON schema is not valid JSON ({e.Message})");
        }
    }
}
