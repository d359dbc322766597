using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Integration.Tests;

/// <summary>
/// The request bodies both clients send, written once as JSON in the Bedrock wire shape. The JS SDK gets them as its
/// command input (plus modelId); our C# client gets the same JSON read into its typed models, so a cross-client
/// comparison is of one request, not of two hand-written look-alikes.
/// </summary>
internal static class Requests
{
    public const string Question = "Summarize why a local Bedrock helps integration tests.";

    public const string ToolName = "get_weather";

    /// <summary>Structured-output schema: three required members of three types.</summary>
    public const string CitySchema = """
        {"type":"object","properties":{"city":{"type":"string","minLength":1},"population":{"type":"integer","minimum":0},"tags":{"type":"array","items":{"type":"string"},"minItems":1}},"required":["city","population","tags"],"additionalProperties":false}
        """;

    private const string ToolSchema = """
        {"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"]}
        """;

    public static JsonObject Converse(int maxTokens = 80, string question = Question) => Parse($$$"""
        {"messages":[{"role":"user","content":[{"text":{{{JsonSerializer.Serialize(question)}}}}]}],
         "system":[{"text":"You answer briefly."}],
         "inferenceConfig":{"maxTokens":{{{maxTokens}}}}}
        """);

    public static JsonObject Structured() => With(Converse(), "outputConfig", new JsonObject
    {
        ["textFormat"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["structure"] = new JsonObject { ["jsonSchema"] = new JsonObject { ["schema"] = CitySchema, ["name"] = "city_facts" } },
        },
    });

    public static JsonObject ForcedTool() => With(Converse(question: "What is the weather in Lisbon?"), "toolConfig", new JsonObject
    {
        ["tools"] = new JsonArray(new JsonObject
        {
            ["toolSpec"] = new JsonObject
            {
                ["name"] = ToolName,
                ["description"] = "Current weather of a place",
                ["inputSchema"] = new JsonObject { ["json"] = Parse(ToolSchema) },
            },
        }),
        ["toolChoice"] = new JsonObject { ["tool"] = new JsonObject { ["name"] = ToolName } },
    });

    public static JsonObject AnthropicInvoke(int maxTokens = 60) => Parse($$$"""
        {"anthropic_version":"bedrock-2023-05-31","max_tokens":{{{maxTokens}}},"system":"You answer briefly.",
         "messages":[{"role":"user","content":[{"type":"text","text":{{{JsonSerializer.Serialize(Question)}}}}]}]}
        """);

    public static JsonObject NovaInvoke() => Parse($$$"""
        {"schemaVersion":"messages-v1","system":[{"text":"You answer briefly."}],
         "messages":[{"role":"user","content":[{"text":{{{JsonSerializer.Serialize(Question)}}}}]}],
         "inferenceConfig":{"maxTokens":60}}
        """);

    public static JsonObject TitanInvoke() => Parse($$$"""
        {"inputText":{{{JsonSerializer.Serialize(Question)}}},"textGenerationConfig":{"maxTokenCount":60,"stopSequences":[]}}
        """);

    /// <summary>A Converse/ConverseStream command input of the JS SDK.</summary>
    public static JsonObject JsConverse(string modelId, JsonObject body) => With(body, "modelId", modelId);

    /// <summary>An InvokeModel* command input of the JS SDK (the driver encodes <c>bodyJson</c> as the UTF-8 body).</summary>
    public static JsonObject JsInvoke(string modelId, JsonObject body) => new()
    {
        ["modelId"] = modelId,
        ["contentType"] = "application/json",
        ["accept"] = "application/json",
        ["bodyJson"] = body.DeepClone(),
    };

    /// <summary>CountTokens of the same conversation as a Converse body.</summary>
    public static JsonObject JsCountTokens(string modelId, JsonObject converseBody)
    {
        var converse = new JsonObject();
        foreach (var member in new[] { "messages", "system", "toolConfig" })
        {
            if (converseBody[member] is { } value)
            {
                converse[member] = value.DeepClone();
            }
        }

        return new JsonObject { ["modelId"] = modelId, ["input"] = new JsonObject { ["converse"] = converse } };
    }

    public static ConverseRequest CsConverse(string modelId, JsonObject body)
    {
        var request = JsonSerializer.Deserialize(body.ToJsonString(), BedrockJsonContext.Default.ConverseRequest)!;
        request.ModelId = modelId;
        return request;
    }

    public static ConverseStreamRequest CsConverseStream(string modelId, JsonObject body)
    {
        var request = JsonSerializer.Deserialize(body.ToJsonString(), BedrockJsonContext.Default.ConverseStreamRequest)!;
        request.ModelId = modelId;
        return request;
    }

    public static byte[] Utf8(JsonObject body) => JsonSerializer.SerializeToUtf8Bytes(body);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject With(JsonObject body, string member, JsonNode value)
    {
        var copy = body.DeepClone().AsObject();
        copy[member] = value;
        return copy;
    }
}
