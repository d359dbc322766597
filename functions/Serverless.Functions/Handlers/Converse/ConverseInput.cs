using System.Text.Json;
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
        var members = OurMembers(body, converse.AdditionalProperties, converse.InferenceConfig, configuration, gate);
        (converse.ModelId, converse.AdditionalProperties, converse.InferenceConfig) = (members.ModelId, members.Remaining, members.Inference);
        ConverseValidator.Validate(converse);
        return (converse, members.Conversation);
    }

    public static (ConverseStreamRequest Request, ConversationRequest Conversation) ReadStreaming(HttpApiRequest request, int routeLimit, FunctionsConfiguration configuration, QuotaGate gate)
    {
        var body = RequestBody.Read(request, configuration.BodyLimit(routeLimit));
        var converse = JsonBody.Deserialize(body, BedrockJsonContext.Default.ConverseStreamRequest);
        var members = OurMembers(body, converse.AdditionalProperties, converse.InferenceConfig, configuration, gate);
        (converse.ModelId, converse.AdditionalProperties, converse.InferenceConfig) = (members.ModelId, members.Remaining, members.Inference);
        ConverseValidator.Validate(converse);
        return (converse, members.Conversation);
    }

    // The two request types mirror Bedrock's two shapes (as the official SDK has them), so what this API adds to
    // both — modelId in the body, the conversation members, the default maxTokens — is worked out once here.
    private static (string ModelId, ConversationRequest Conversation, Dictionary<string, JsonElement>? Remaining, InferenceConfiguration Inference) OurMembers(
        ReadOnlyMemory<byte> body, Dictionary<string, JsonElement>? additional, InferenceConfiguration? inference,
        FunctionsConfiguration configuration, QuotaGate gate)
    {
        var extra = new ExtraMembers(additional);
        var modelId = JsonBody.TopLevelString(body, "modelId") ?? throw FunctionException.BadRequest("modelId", "is required");
        var conversation = ConversationRequest.Take(extra);
        gate.RequireKnownModel(modelId);
        inference ??= new InferenceConfiguration();
        inference.MaxTokens ??= configuration.DefaultMaxTokensOf(modelId);
        return (modelId, conversation, extra.Remaining, inference);
    }
}
