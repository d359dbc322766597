using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;
using Serverless.Functions.Configuration;
using Serverless.Functions.Memory;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;

namespace Serverless.Functions.Handlers.Converse;

/// <summary>
/// A Converse body: Bedrock's Converse request (messages, system, inferenceConfig, toolConfig, guardrailConfig, ...
/// all passed through) plus <c>modelId</c> and, for conversation memory, <c>conversationId</c> or <c>newConversation</c>. When inferenceConfig.maxTokens is
/// absent the model's configured default is sent, so that what the ledger reserved bounds what Bedrock may use.
/// </summary>
internal static class ConverseInput
{
    public static (ConverseRequest Request, ConversationRequest Conversation) ReadBuffered(HttpApiRequest request, int routeLimit, FunctionsConfiguration configuration, QuotaGate gate)
    {
        var body = RequestBody.Read(request, configuration.BodyLimit(routeLimit));
        var converse = JsonBody.Deserialize(body, BedrockJsonContext.Default.ConverseRequest);
        var extra = new ExtraMembers(converse.AdditionalProperties);
        converse.ModelId = JsonBody.TopLevelString(body, "modelId") ?? throw FunctionException.BadRequest("modelId", "is required");
        var conversation = ConversationRequest.Take(extra);
        converse.AdditionalProperties = extra.Remaining;
        gate.RequireKnownModel(converse.ModelId);
        converse.InferenceConfig ??= new InferenceConfiguration();
        converse.InferenceConfig.MaxTokens ??= configuration.DefaultMaxTokensOf(converse.ModelId);
        ConverseValidator.Validate(converse);
        return (converse, conversation);
    }

    public static (ConverseStreamRequest Request, ConversationRequest Conversation) ReadStreaming(HttpApiRequest request, int routeLimit, FunctionsConfiguration configuration, QuotaGate gate)
    {
        var body = RequestBody.Read(request, configuration.BodyLimit(routeLimit));
        var converse = JsonBody.Deserialize(body, BedrockJsonContext.Default.ConverseStreamRequest);
        var extra = new ExtraMembers(converse.AdditionalProperties);
        converse.ModelId = JsonBody.TopLevelString(body, "modelId") ?? throw FunctionException.BadRequest("modelId", "is required");
        var conversation = ConversationRequest.Take(extra);
        converse.AdditionalProperties = extra.Remaining;
        gate.RequireKnownModel(converse.ModelId);
        converse.InferenceConfig ??= new InferenceConfiguration();
        converse.InferenceConfig.MaxTokens ??= configuration.DefaultMaxTokensOf(converse.ModelId);
        ConverseValidator.Validate(converse);
        return (converse, conversation);
    }
}
