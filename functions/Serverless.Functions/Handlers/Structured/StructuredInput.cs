using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Functions.Configuration;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;
using Serverless.Schemas;

namespace Serverless.Functions.Handlers.Structured;

/// <summary>
/// A structured-output body: a Converse body (<c>modelId</c>, <c>messages</c>, <c>system</c>, <c>inferenceConfig</c>,
/// <c>guardrailConfig</c> ...) plus <c>schema</c> (the JSON Schema the answer must satisfy) and optional
/// <c>schemaName</c>. toolConfig and outputConfig are the function's to set, so the caller may not.
/// </summary>
internal sealed partial record StructuredInput(ConverseRequest Request, JsonSchema Schema, JsonElement SchemaJson, string SchemaName, StructuredOutputMode Mode)
{
    public const string DefaultSchemaName = "structured_output";

    public static StructuredInput Read(HttpApiRequest request, int routeLimit, FunctionsConfiguration configuration, QuotaGate gate)
    {
        var body = RequestBody.Read(request, configuration.BodyLimit(routeLimit));
        var converse = JsonBody.Deserialize(body, BedrockJsonContext.Default.ConverseRequest);
        var extra = new ExtraMembers(converse.AdditionalProperties);
        converse.ModelId = JsonBody.TopLevelString(body, "modelId") ?? throw FunctionException.BadRequest("modelId", "is required");
        var schemaJson = extra.Take("schema") ?? throw FunctionException.BadRequest("schema", "is required (a JSON Schema object)");
        var name = extra.TakeString("schemaName") ?? DefaultSchemaName;
        if (extra.Take("conversationId") is not null || extra.Take("newConversation") is not null)
        {
            throw FunctionException.BadRequest("conversationId", "is not supported by the structured function (use converse)");
        }

        converse.AdditionalProperties = extra.Remaining;
        gate.RequireKnownModel(converse.ModelId);
        if (converse.ToolConfig is not null)
        {
            throw FunctionException.BadRequest("toolConfig", "must be absent: the structured function sets it");
        }

        if (converse.OutputConfig is not null)
        {
            throw FunctionException.BadRequest("outputConfig", "must be absent: the structured function sets it");
        }

        if (!ToolName().IsMatch(name))
        {
            throw FunctionException.BadRequest("schemaName", "must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }

        var schema = Compile(schemaJson);
        var mode = configuration.CapabilitiesOf(converse.ModelId).StructuredOutput;
        if (mode == StructuredOutputMode.Unsupported)
        {
            throw FunctionException.BadRequest("modelId", $"'{converse.ModelId}' supports neither structured output nor tool use");
        }

        converse.InferenceConfig ??= new InferenceConfiguration();
        converse.InferenceConfig.MaxTokens ??= configuration.DefaultMaxTokensOf(converse.ModelId);
        return new StructuredInput(converse, schema, schemaJson, name, mode);
    }

    private static JsonSchema Compile(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw FunctionException.BadRequest("schema", "must be a JSON Schema object");
        }

        if (!JsonSchema.TryParse(schema, out var compiled, out var errors))
        {
            var listed = string.Join("; ", errors.Take(5).Select(e => e.ToString()));
            throw FunctionException.BadRequest("schema", $"is not valid JSON Schema: {listed}");
        }

        return compiled;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex ToolName();
}
