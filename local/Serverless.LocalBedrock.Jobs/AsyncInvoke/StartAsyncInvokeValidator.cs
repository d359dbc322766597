using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.AsyncInvoke;

/// <summary>StartAsyncInvoke's member constraints from the Bedrock runtime model, each failure naming its member.</summary>
internal static class StartAsyncInvokeValidator
{
    public static void Validate(StartAsyncInvokeRequest request, Func<string, bool> isKnownModel)
    {
        if (request.ClientRequestToken is { } token)
        {
            MemberRules.Length(token, "clientRequestToken", 1, 256);
            MemberRules.Pattern(token, "clientRequestToken", ShapePatterns.AsyncIdempotencyToken());
        }

        var modelId = MemberRules.Required(request.ModelId, "modelId");
        MemberRules.Length(modelId, "modelId", 1, 256);
        MemberRules.Pattern(modelId, "modelId", ShapePatterns.AsyncModelId());
        if (!isKnownModel(modelId))
        {
            throw JobsApiException.Constraint("modelId", modelId, "Member must identify a model that supports asynchronous invocation");
        }

        if (request.ModelInput is not { } modelInput || modelInput.ValueKind == JsonValueKind.Null)
        {
            throw JobsApiException.Constraint("modelInput", null, "Member must not be null");
        }

        if (modelInput.ValueKind != JsonValueKind.Object)
        {
            throw JobsApiException.Constraint("modelInput", modelInput.ValueKind.ToString(), "Member must be a JSON object (the model's native request body)");
        }

        var output = MemberRules.Required(MemberRules.Required(request.OutputDataConfig, "outputDataConfig").S3OutputDataConfig, "outputDataConfig.s3OutputDataConfig");
        var uri = MemberRules.Required(output.S3Uri, "outputDataConfig.s3OutputDataConfig.s3Uri");
        MemberRules.Length(uri, "outputDataConfig.s3OutputDataConfig.s3Uri", 1, 1024);
        MemberRules.Pattern(uri, "outputDataConfig.s3OutputDataConfig.s3Uri", ShapePatterns.AsyncS3Uri());
    }
}
