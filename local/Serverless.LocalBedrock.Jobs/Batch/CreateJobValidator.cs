using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>CreateModelInvocationJob's member constraints from the Bedrock model, each failure naming its member.</summary>
internal static class CreateJobValidator
{
    private static readonly string[] InputFormats = ["JSONL"];
    private static readonly string[] InvocationTypes = ["InvokeModel", "Converse"];

    public static void Validate(CreateModelInvocationJobRequest request, Func<string, bool> isKnownModel)
    {
        var jobName = MemberRules.Required(request.JobName, "jobName");
        MemberRules.Length(jobName, "jobName", 1, 63);
        MemberRules.Pattern(jobName, "jobName", ShapePatterns.JobName());

        var roleArn = MemberRules.Required(request.RoleArn, "roleArn");
        MemberRules.Length(roleArn, "roleArn", 0, 2048);
        MemberRules.Pattern(roleArn, "roleArn", ShapePatterns.RoleArn());

        if (request.ClientRequestToken is { } token)
        {
            MemberRules.Length(token, "clientRequestToken", 1, 256);
            MemberRules.Pattern(token, "clientRequestToken", ShapePatterns.JobIdempotencyToken());
        }

        var modelId = MemberRules.Required(request.ModelId, "modelId");
        MemberRules.Length(modelId, "modelId", 1, 2048);
        if (!isKnownModel(modelId))
        {
            throw JobsApiException.Constraint("modelId", modelId, "Member must identify a model that supports batch inference");
        }

        var input = MemberRules.Required(MemberRules.Required(request.InputDataConfig, "inputDataConfig").S3InputDataConfig, "inputDataConfig.s3InputDataConfig");
        var inputUri = MemberRules.Required(input.S3Uri, "inputDataConfig.s3InputDataConfig.s3Uri");
        MemberRules.Length(inputUri, "inputDataConfig.s3InputDataConfig.s3Uri", 1, 1024);
        MemberRules.Pattern(inputUri, "inputDataConfig.s3InputDataConfig.s3Uri", ShapePatterns.JobS3Uri());
        if (input.S3InputFormat is { } format)
        {
            MemberRules.OneOf(format, "inputDataConfig.s3InputDataConfig.s3InputFormat", InputFormats);
        }

        var output = MemberRules.Required(MemberRules.Required(request.OutputDataConfig, "outputDataConfig").S3OutputDataConfig, "outputDataConfig.s3OutputDataConfig");
        var outputUri = MemberRules.Required(output.S3Uri, "outputDataConfig.s3OutputDataConfig.s3Uri");
        MemberRules.Length(outputUri, "outputDataConfig.s3OutputDataConfig.s3Uri", 1, 1024);
        MemberRules.Pattern(outputUri, "outputDataConfig.s3OutputDataConfig.s3Uri", ShapePatterns.JobS3Uri());

        if (request.VpcConfig is { } vpc)
        {
            MemberRules.Required(vpc.SubnetIds, "vpcConfig.subnetIds");
            MemberRules.Required(vpc.SecurityGroupIds, "vpcConfig.securityGroupIds");
        }

        if (request.TimeoutDurationInHours is { } hours)
        {
            MemberRules.Range(hours, "timeoutDurationInHours", 24, 168);
        }

        if (request.ModelInvocationType is { } invocationType)
        {
            MemberRules.OneOf(invocationType, "modelInvocationType", InvocationTypes);
        }

        for (var i = 0; i < (request.Tags?.Count ?? 0); i++)
        {
            MemberRules.Required(request.Tags![i].Key, $"tags.{i + 1}.member.key");
            MemberRules.Required(request.Tags![i].Value, $"tags.{i + 1}.member.value");
        }
    }
}
