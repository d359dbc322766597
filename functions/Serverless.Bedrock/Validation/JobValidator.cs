using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Validation;

/// <summary>Checks the batch inference (model invocation job) operations.</summary>
internal static class JobValidator
{
    private static readonly string[] Statuses =
    [
        "Submitted", "InProgress", "Completed", "Failed", "Stopping", "Stopped", "PartiallyCompleted", "Expired",
        "Validating", "Scheduled",
    ];

    public static void Validate(CreateModelInvocationJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check.Required(request.JobName, "jobName");
        Check.Length(request.JobName, "jobName", 1, 63);
        Check.Matches(request.JobName, "jobName", Patterns.JobName(), "letters and digits, optionally followed by -, +, . and more letters/digits");
        Check.Required(request.RoleArn, "roleArn");
        Check.Length(request.RoleArn, "roleArn", 0, 2048);
        Check.Matches(request.RoleArn, "roleArn", Patterns.RoleArn(), "an IAM role ARN (arn:aws:iam::123456789012:role/name)");
        Check.Length(request.ClientRequestToken, "clientRequestToken", 1, 256);
        Check.Matches(request.ClientRequestToken, "clientRequestToken", Patterns.JobIdempotencyToken(), "letters, digits and hyphens");
        Check.Required(request.ModelId, "modelId");
        Check.Length(request.ModelId, "modelId", 1, 2048);
        Check.Required(request.InputDataConfig, "inputDataConfig");
        Check.ExactlyOne("inputDataConfig", request.InputDataConfig.S3InputDataConfig);
        var input = request.InputDataConfig.S3InputDataConfig!;
        JobS3Uri(input.S3Uri, "inputDataConfig.s3InputDataConfig.s3Uri");
        Check.OneOf(input.S3InputFormat, "inputDataConfig.s3InputDataConfig.s3InputFormat", "JSONL");
        Check.Matches(input.S3BucketOwner, "inputDataConfig.s3InputDataConfig.s3BucketOwner", Patterns.AccountId(), "a 12-digit account id");
        Check.Required(request.OutputDataConfig, "outputDataConfig");
        Check.ExactlyOne("outputDataConfig", request.OutputDataConfig.S3OutputDataConfig);
        var output = request.OutputDataConfig.S3OutputDataConfig!;
        JobS3Uri(output.S3Uri, "outputDataConfig.s3OutputDataConfig.s3Uri");
        Check.Length(output.S3EncryptionKeyId, "outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId", 1, 2048);
        Check.Matches(output.S3BucketOwner, "outputDataConfig.s3OutputDataConfig.s3BucketOwner", Patterns.AccountId(), "a 12-digit account id");
        if (request.VpcConfig is { } vpc)
        {
            Check.Required(vpc.SubnetIds, "vpcConfig.subnetIds");
            Check.Count(vpc.SubnetIds, "vpcConfig.subnetIds", 1, 16);
            Check.Required(vpc.SecurityGroupIds, "vpcConfig.securityGroupIds");
            Check.Count(vpc.SecurityGroupIds, "vpcConfig.securityGroupIds", 1, 5);
            for (var i = 0; i < vpc.SubnetIds.Count; i++)
            {
                Check.Length(vpc.SubnetIds[i], $"vpcConfig.subnetIds[{i}]", 0, 32);
                Check.Matches(vpc.SubnetIds[i], $"vpcConfig.subnetIds[{i}]", Patterns.VpcResourceId(), "a subnet id");
            }

            for (var i = 0; i < vpc.SecurityGroupIds.Count; i++)
            {
                Check.Length(vpc.SecurityGroupIds[i], $"vpcConfig.securityGroupIds[{i}]", 0, 32);
                Check.Matches(vpc.SecurityGroupIds[i], $"vpcConfig.securityGroupIds[{i}]", Patterns.VpcResourceId(), "a security group id");
            }
        }

        Check.Range(request.TimeoutDurationInHours, "timeoutDurationInHours", 24, 168);
        Check.OneOf(request.ModelInvocationType, "modelInvocationType", "InvokeModel", "Converse");
        TagValidator.Validate(request.Tags);
    }

    public static void Validate(GetModelInvocationJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JobIdentifier(request.JobIdentifier);
    }

    public static void Validate(StopModelInvocationJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JobIdentifier(request.JobIdentifier);
    }

    public static void Validate(ListModelInvocationJobsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check.Range(request.MaxResults, "maxResults", 1, 1000);
        Check.Length(request.NextToken, "nextToken", 1, 2048);
        Check.OneOf(request.StatusEquals, "statusEquals", Statuses);
        Check.Length(request.NameContains, "nameContains", 1, 63);
        Check.OneOf(request.SortBy, "sortBy", "CreationTime");
        Check.OneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
    }

    private static void JobIdentifier(string value)
    {
        Check.Required(value, "jobIdentifier");
        Check.Length(value, "jobIdentifier", 0, 1011);
        Check.Matches(value, "jobIdentifier", Patterns.JobIdentifier(), "a model-invocation-job ARN or its 12-character id");
    }

    private static void JobS3Uri(string? value, string field)
    {
        Check.Required(value, field);
        Check.Length(value, field, 1, 1024);
        Check.Matches(value, field, Patterns.JobS3Uri(), "an s3://bucket/prefix URI");
    }
}
