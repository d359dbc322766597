using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Generation;
using static Serverless.LocalBedrock.Formats.JsonFields;

namespace Serverless.LocalBedrock.Formats;

/// <summary>
/// Anthropic Claude Messages API on Bedrock: request {anthropic_version, max_tokens, messages, system, stop_sequences,
/// tools, tool_choice, ...}; response {id, type, role, model, content, stop_reason, stop_sequence, usage}; stream
/// message_start, content_block_start, content_block_delta*, content_block_stop, message_delta, message_stop.
/// </summary>
internal sealed class AnthropicMessagesFormat : IModelBodyFormat
{
    public InvocationRequest Parse(JsonElement body, ModelSettings model)
    {
        RequireObject(body, "");
        RequiredString(body, "anthropic_version", "");
        var maxTokens = OptionalInt(body, "max_tokens", "", min: 1) ?? throw new RequestValidationException("max_tokens: Field required");
        maxTokens = OutputLimits.Effective(maxTokens, model, "max_tokens");
        OptionalNumber(body, "temperature", "", 0, 1);
        OptionalNumber(body, "top_p", "", 0, 1);
        OptionalInt(body, "top_k", "", min: 0);

        var messages = new List<PromptMessage>();
        var array = RequiredArray(body, "messages", "");
        var index = 0;
        foreach (var message in array.EnumerateArray())
        {
            messages.Add(ReadMessage(message, Join("messages", index++)));
        }

        if (messages.Count == 0)
        {
            throw new RequestValidationException("messages: at least one message is required");
        }

        if (messages[0].Role != "user")
        {
            throw new RequestValidationException("messages.0.role: first message must use the \"user\" role");
        }

        var system = new List<string>();
        if (TryGet(body, "system", out var systemValue))
        {
            if (systemValue.ValueKind == JsonValueKind.String)
            {
                system.Add(systemValue.GetString()!);
            }
            else if (systemValue.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var block in systemValue.EnumerateArray())
                {
                    var blockPath = Join("system", i++);
                    RequireObject(block, blockPath);
                    system.Add(RequiredString(block, "text", blockPath));
                }
            }
            else
            {
                throw new RequestValidationException("system: Input should be a valid string or a list of text blocks");
            }
        }

        var (tools, forced) = ReadTools(body);
        var prompt = new Prompt { System = system, Messages = messages, ToolDefinitions = tools };
        OutputLimits.CheckContext(prompt.CountInputTokens(), maxTokens, model);
        return new InvocationRequest
        {
            Prompt = prompt,
            MaxTokens = maxTokens,
            StopSequences = OptionalStringList(body, "stop_sequences", ""),
            Tool = forced,
        };
    }

    private static PromptMessage ReadMessage(JsonElement message, string path)
    {
        RequireObject(message, path);
        var role = RequiredString(message, "role", path);
        if (role is not ("user" or "assistant"))
        {
            throw new RequestValidationException($"{path}.role: Input should be 'user' or 'assistant'");
        }

        var content = Required(message, "content", path);
        var contentPath = Join(path, "content");
        var texts = new List<string>();
        if (content.ValueKind == JsonValueKind.String)
        {
            texts.Add(content.GetString()!);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            if (content.GetArrayLength() == 0)
            {
                throw new RequestValidationException($"{contentPath}: List should have at least 1 item");
            }

            var index = 0;
            foreach (var block in content.EnumerateArray())
            {
                var blockPath = Join(contentPath, index++);
                RequireObject(block, blockPath);
                var type = RequiredString(block, "type", blockPath);
                switch (type)
                {
                    case "text":
                        texts.Add(RequiredString(block, "text", blockPath));
                        break;
                    case "tool_use":
                        RequiredString(block, "id", blockPath);
                        texts.Add(RequiredString(block, "name", blockPath));
                        texts.Add(Prompt.RawText(Required(block, "input", blockPath)));
                        break;
                    case "tool_result":
                        RequiredString(block, "tool_use_id", blockPath);
                        if (TryGet(block, "content", out var result))
                        {
                            texts.Add(result.ValueKind == JsonValueKind.String ? result.GetString()! : Prompt.RawText(result));
                        }

                        break;
                    case "image" or "document":
                        texts.Add($"[{type}]");
                        break;
                    default:
                        throw new RequestValidationException($"{blockPath}.type: Input tag '{type}' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'tool_use', 'tool_result'");
                }
            }
        }
        else
        {
            throw new RequestValidationException($"{contentPath}: Input should be a valid string or a list of content blocks");
        }

        return new PromptMessage(role, texts);
    }

    private static (List<string> Tools, ForcedTool? Forced) ReadTools(JsonElement body)
    {
        var definitions = new List<string>();
        var schemas = new List<(string Name, JsonElement Schema)>();
        if (OptionalArray(body, "tools", "") is { } tools)
        {
            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                var toolPath = Join("tools", index++);
                RequireObject(tool, toolPath);
                var name = RequiredString(tool, "name", toolPath);
                var schema = Required(tool, "input_schema", toolPath);
                RequireObject(schema, toolPath + ".input_schema");
                schemas.Add((name, schema));
                definitions.Add(Prompt.RawText(tool));
            }
        }

        if (OptionalObject(body, "tool_choice", "") is not { } choice)
        {
            return (definitions, null);
        }

        var type = RequiredString(choice, "type", "tool_choice");
        switch (type)
        {
            case "tool":
                var name = RequiredString(choice, "name", "tool_choice");
                var match = schemas.FirstOrDefault(s => s.Name == name);
                return match.Name is null
                    ? throw new RequestValidationException($"tool_choice.name: the tool '{name}' is not one of tools")
                    : (definitions, new ForcedTool(name, match.Schema));
            case "any":
                return schemas.Count == 0
                    ? throw new RequestValidationException("tool_choice: 'any' needs at least one entry in tools")
                    : (definitions, new ForcedTool(schemas[0].Name, schemas[0].Schema));
            case "auto" or "none":
                return (definitions, null);
            default:
                throw new RequestValidationException($"tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
        }
    }

    public byte[] Response(GenerationResult result, FormatContext context) => FormatJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("id", MessageId(context));
        writer.WriteString("type", "message");
        writer.WriteString("role", "assistant");
        writer.WriteString("model", ModelName(context));
        writer.WriteStartArray("content");
        if (result.ToolUse is { } call)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "tool_use");
            writer.WriteString("id", ToolUseId(context));
            writer.WriteString("name", call.Name);
            writer.WritePropertyName("input");
            writer.WriteRawValue(call.InputJson);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("type", "text");
            writer.WriteString("text", result.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("stop_reason", result.StopReason);
        WriteStopSequence(writer, result);
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", result.InputTokens);
        writer.WriteNumber("output_tokens", result.OutputTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public IEnumerable<NativeChunk> Chunks(GenerationResult result, FormatContext context)
    {
        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message_start");
            writer.WriteStartObject("message");
            writer.WriteString("id", MessageId(context));
            writer.WriteString("type", "message");
            writer.WriteString("role", "assistant");
            writer.WriteString("model", ModelName(context));
            writer.WriteStartArray("content");
            writer.WriteEndArray();
            writer.WriteNull("stop_reason");
            writer.WriteNull("stop_sequence");
            writer.WriteStartObject("usage");
            writer.WriteNumber("input_tokens", result.InputTokens);
            writer.WriteNumber("output_tokens", 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }), 0);

        var call = result.ToolUse;
        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "content_block_start");
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("content_block");
            if (call is not null)
            {
                writer.WriteString("type", "tool_use");
                writer.WriteString("id", ToolUseId(context));
                writer.WriteString("name", call.Name);
                writer.WriteStartObject("input");
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("type", "text");
                writer.WriteString("text", "");
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }), 0);

        foreach (var (text, tokens) in FormatJson.Deltas(call?.InputJson ?? result.Text, context.Random))
        {
            yield return new NativeChunk(FormatJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("type", "content_block_delta");
                writer.WriteNumber("index", 0);
                writer.WriteStartObject("delta");
                if (call is not null)
                {
                    writer.WriteString("type", "input_json_delta");
                    writer.WriteString("partial_json", text);
                }
                else
                {
                    writer.WriteString("type", "text_delta");
                    writer.WriteString("text", text);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }), tokens);
        }

        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "content_block_stop");
            writer.WriteNumber("index", 0);
            writer.WriteEndObject();
        }), 0);

        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message_delta");
            writer.WriteStartObject("delta");
            writer.WriteString("stop_reason", result.StopReason);
            WriteStopSequence(writer, result);
            writer.WriteEndObject();
            writer.WriteStartObject("usage");
            writer.WriteNumber("output_tokens", result.OutputTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }), 0);

        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message_stop");
            context.Metrics().Write(writer);
            writer.WriteEndObject();
        }), 0);
    }

    private static void WriteStopSequence(Utf8JsonWriter writer, GenerationResult result)
    {
        if (result.StopSequence is { } stop)
        {
            writer.WriteString("stop_sequence", stop);
        }
        else
        {
            writer.WriteNull("stop_sequence");
        }
    }

    // Ids derive from the answer's seed, so a repeated request yields the same body byte for byte.
    private static string MessageId(FormatContext context) => "msg_bdrk_01" + RandomIds.Base62(new Random(context.Random.Next()), 24);

    private static string ToolUseId(FormatContext context) => "toolu_bdrk_01" + RandomIds.Base62(new Random(context.Random.Next()), 22);

    private static string ModelName(FormatContext context) => context.Model.ResponseModelName ?? context.ModelId;
}
