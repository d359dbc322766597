using System.Text.Json;

namespace Serverless.LocalBedrock.Tests;

public sealed class StructuredOutputTests
{
    private const string Schema = """
        {"type":"object","additionalProperties":false,"required":["id","when","email","tags","status","score","owner"],
         "properties":{
           "id":{"type":"string","format":"uuid"},
           "when":{"type":"string","format":"date-time"},
           "email":{"type":"string","format":"email"},
           "tags":{"type":"array","items":{"type":"string","minLength":3,"maxLength":12},"minItems":2,"maxItems":4,"uniqueItems":true},
           "status":{"enum":["open","closed"]},
           "kind":{"const":"ticket"},
           "score":{"type":"number","minimum":0.5,"maximum":0.9},
           "count":{"type":["integer","null"],"exclusiveMinimum":10,"exclusiveMaximum":13},
           "owner":{"$ref":"#/$defs/person"},
           "note":{"anyOf":[{"type":"null"},{"type":"string","maxLength":5}]},
           "shape":{"oneOf":[{"type":"object","properties":{"r":{"type":"number"}},"required":["r"]},{"type":"integer"}]},
           "extra":{"allOf":[{"type":"object","properties":{"a":{"type":"boolean"}},"required":["a"]},{"properties":{"b":{"type":"null"}},"required":["b"]}]}
         },
         "$defs":{"person":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":18,"maximum":99}},"required":["name","age"]}}}
        """;

    private static string OutputConfig(string schema) => ",\"outputConfig\":{\"textFormat\":{\"type\":\"json_schema\",\"structure\":{\"jsonSchema\":{\"schema\":" + JsonSerializer.Serialize(schema) + ",\"name\":\"ticket\"}}}}";

    [Theory]
    [InlineData("Make a ticket")]
    [InlineData("Another ticket please")]
    [InlineData("A third prompt for a third seed")]
    public async Task Json_schema_text_format_yields_json_valid_against_the_schema(string prompt)
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var result = await (await client.PostAsync(TestServer.Sonnet45, "converse", TestServer.ConverseBody(prompt, 2000, OutputConfig(Schema)))).OkJsonAsync();
        Assert.Equal("end_turn", result.GetProperty("stopReason").GetString());
        SchemaCheck.AssertValid(Schema, result.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString()!);
    }

    [Fact]
    public async Task Json_schema_text_streams_as_text_deltas_that_join_to_a_valid_document()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.Sonnet45, "converse-stream", TestServer.ConverseBody("stream a ticket", 2000, OutputConfig(Schema)));
        var events = await response.EventsAsync();
        var text = string.Concat(events.Where(e => e.EventType == "contentBlockDelta").Select(e => e.Json().GetProperty("delta").GetProperty("text").GetString()));
        SchemaCheck.AssertValid(Schema, text);
    }

    [Fact]
    public async Task Forced_tool_use_returns_a_tool_use_block_valid_against_the_input_schema()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var tools = ",\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"other\",\"inputSchema\":{\"json\":{\"type\":\"object\"}}}},{\"toolSpec\":{\"name\":\"file_ticket\",\"inputSchema\":{\"json\":" + Schema + "}}}],\"toolChoice\":{\"tool\":{\"name\":\"file_ticket\"}}}";
        var result = await (await client.PostAsync(TestServer.Sonnet45, "converse", TestServer.ConverseBody("File it", 2000, tools))).OkJsonAsync();
        Assert.Equal("tool_use", result.GetProperty("stopReason").GetString());
        var toolUse = result.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("toolUse");
        Assert.Equal("file_ticket", toolUse.GetProperty("name").GetString());
        Assert.StartsWith("tooluse_", toolUse.GetProperty("toolUseId").GetString());
        SchemaCheck.AssertValid(Schema, toolUse.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task Any_tool_choice_in_a_stream_arrives_as_content_block_start_and_input_deltas()
    {
        const string schema = """{"type":"object","properties":{"value":{"type":"string"},"n":{"type":"integer"}},"required":["value","n"]}""";
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var tools = ",\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"test-tool\",\"inputSchema\":{\"json\":" + schema + "}}}],\"toolChoice\":{\"any\":{}}}";
        using var response = await client.PostAsync(TestServer.Haiku3, "converse-stream", TestServer.ConverseBody("Use a tool", 500, tools));
        var events = await response.EventsAsync();
        Assert.Equal(["messageStart", "contentBlockStart"], events.Take(2).Select(e => e.EventType));
        var start = events[1].Json().GetProperty("start").GetProperty("toolUse");
        Assert.Equal("test-tool", start.GetProperty("name").GetString());
        Assert.StartsWith("tooluse_", start.GetProperty("toolUseId").GetString());
        var input = string.Concat(events.Where(e => e.EventType == "contentBlockDelta").Select(e => e.Json().GetProperty("delta").GetProperty("toolUse").GetProperty("input").GetString()));
        SchemaCheck.AssertValid(schema, input);
        Assert.Equal("tool_use", events.Single(e => e.EventType == "messageStop").Json().GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task A_schema_that_is_not_json_is_a_validation_error_naming_it()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.Sonnet45, "converse", TestServer.ConverseBody("x", 100, OutputConfig("{not json")));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("outputConfig.textFormat.structure.jsonSchema.schema", (await response.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Structured_output_on_a_model_without_it_is_a_validation_error()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.Haiku3, "converse", TestServer.ConverseBody("x", 100, OutputConfig("""{"type":"object"}""")));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("outputConfig.textFormat", (await response.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public void The_schema_checker_rejects_documents_that_break_each_keyword()
    {
        using var schema = JsonDocument.Parse(Schema);
        string[] invalid =
        [
            """{"id":"nope","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","def"],"status":"open","score":0.6,"owner":{"name":"x","age":30}}""",
            """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"yesterday","email":"a@b.co","tags":["abc","def"],"status":"open","score":0.6,"owner":{"name":"x","age":30}}""",
            """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","abc"],"status":"open","score":0.6,"owner":{"name":"x","age":30}}""",
            """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","def"],"status":"maybe","score":0.6,"owner":{"name":"x","age":30}}""",
            """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","def"],"status":"open","score":0.6,"owner":{"name":"x","age":3}}""",
            """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","def"],"status":"open","score":0.6,"owner":{"name":"x","age":30},"count":13}""",
            """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","def"],"status":"open","score":0.6,"owner":{"name":"x","age":30},"extra":{"a":true}}""",
            """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","def"],"status":"open","score":0.6,"owner":{"name":"x","age":30},"surprise":1}""",
        ];
        foreach (var text in invalid)
        {
            using var document = JsonDocument.Parse(text);
            Assert.NotEmpty(SchemaCheck.Errors(schema.RootElement, document.RootElement));
        }

        SchemaCheck.AssertValid(Schema, """{"id":"6f1c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f","when":"2026-01-01T00:00:00Z","email":"a@b.co","tags":["abc","def"],"status":"open","score":0.6,"owner":{"name":"x","age":30},"count":12,"shape":3,"extra":{"a":true,"b":null}}""");
    }
}
