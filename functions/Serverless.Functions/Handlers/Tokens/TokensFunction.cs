using System.Text.Json;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.Requests;

namespace Serverless.Functions.Handlers.Tokens;

/// <summary>
/// POST /v1/tokens: Bedrock's CountTokens. Body <c>{"modelId", "input": {"converse": {messages, system, toolConfig}}}</c>
/// or <c>{"modelId", "input": {"invokeModel": {"body": ...}}}</c> with the native body as base64 (Bedrock's wire form)
/// or as a JSON object. Counting is free and uses no quota, so the ledger is not asked; the model must still be one
/// this API serves.
/// </summary>
internal sealed class TokensFunction(FunctionServices services, int routeLimit) : BufferedFunction
{
    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var body = RequestBody.Read(request, services.Configuration.BodyLimit(routeLimit));
        using var document = JsonBody.Parse(body);
        var root = document.RootElement;
        var modelId = JsonBody.RequiredString(root, "modelId");
        services.Gate.RequireKnownModel(modelId);
        var countRequest = new CountTokensRequest { ModelId = modelId, Input = Input(root) };
        ConverseValidator.Validate(countRequest);

        var counted = await services.Bedrock.CountTokensAsync(countRequest, cancellationToken).ConfigureAwait(false);
        return HttpApiResponse.Json(200, JsonSerializer.SerializeToUtf8Bytes(new TokenCount(modelId, counted.InputTokens), FunctionsJsonContext.Default.TokenCount));
    }

    private static CountTokensInput Input(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            throw FunctionException.BadRequest("input", "is required: {\"converse\": {...}} or {\"invokeModel\": {\"body\": ...}}");
        }

        var result = new CountTokensInput();
        if (input.TryGetProperty("converse", out var converse))
        {
            result.Converse = Deserialize(converse, BedrockJsonContext.Default.ConverseTokensRequest, "input.converse");
        }

        if (input.TryGetProperty("invokeModel", out var invoke))
        {
            if (invoke.ValueKind != JsonValueKind.Object || !invoke.TryGetProperty("body", out var nativeBody))
            {
                throw FunctionException.BadRequest("input.invokeModel.body", "is required");
            }

            result.InvokeModel = new InvokeModelTokensRequest { Body = NativeBody(nativeBody) };
        }

        return result;
    }

    private static byte[] NativeBody(JsonElement body) => body.ValueKind switch
    {
        JsonValueKind.Object => JsonSerializer.SerializeToUtf8Bytes(body, FunctionsJsonContext.Default.JsonElement),
        JsonValueKind.String when body.TryGetBytesFromBase64(out var bytes) => bytes,
        _ => throw FunctionException.BadRequest("input.invokeModel.body", "must be the model's native body as a JSON object or as base64"),
    };

    private static T Deserialize<T>(JsonElement element, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string field)
    {
        try
        {
            return element.Deserialize(typeInfo) ?? throw FunctionException.BadRequest(field, "must be an object");
        }
        catch (JsonException exception)
        {
            var inner = JsonErrors.Field(exception);
            throw FunctionException.BadRequest(inner == "body" ? field : $"{field}.{inner}", JsonErrors.Problem(exception));
        }
    }
}
