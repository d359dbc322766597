namespace Serverless.Bedrock.Model;

/// <summary>Input of CreateModelInvocationJob (batch inference): <c>POST /model-invocation-job</c>.</summary>
public sealed class CreateModelInvocationJobRequest
{
    /// <summary>1-63 characters: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\+\-\.]){0,63}.</summary>
    public string JobName { get; set; } = "";

    /// <summary>arn:aws:iam::{account}:role/{name}.</summary>
    public string RoleArn { get; set; } = "";

    /// <summary>Idempotency token; the client fills one in when unset.</summary>
    public string? ClientRequestToken { get; set; }

    public string ModelId { get; set; } = "";

    public ModelInvocationJobInputDataConfig InputDataConfig { get; set; } = new();

    public ModelInvocationJobOutputDataConfig OutputDataConfig { get; set; } = new();

    public VpcConfig? VpcConfig { get; set; }

    /// <summary>24 to 168.</summary>
    public int? TimeoutDurationInHours { get; set; }

    public List<Tag>? Tags { get; set; }

    /// <summary>InvokeModel or Converse: the format of each input record's modelInput.</summary>
    public string? ModelInvocationType { get; set; }
}

public sealed class CreateModelInvocationJobResponse
{
    public string JobArn { get; set; } = "";
}

/// <summary>Union with one member today.</summary>
public sealed class ModelInvocationJobInputDataConfig
{
    public ModelInvocationJobS3InputDataConfig? S3InputDataConfig { get; set; }
}

public sealed class ModelInvocationJobS3InputDataConfig
{
    /// <summary>Only JSONL.</summary>
    public string? S3InputFormat { get; set; }

    public string S3Uri { get; set; } = "";

    public string? S3BucketOwner { get; set; }
}

/// <summary>Union with one member today.</summary>
public sealed class ModelInvocationJobOutputDataConfig
{
    public ModelInvocationJobS3OutputDataConfig? S3OutputDataConfig { get; set; }
}

public sealed class ModelInvocationJobS3OutputDataConfig
{
    public string S3Uri { get; set; } = "";

    public string? S3EncryptionKeyId { get; set; }

    public string? S3BucketOwner { get; set; }
}

public sealed class VpcConfig
{
    public List<string> SubnetIds { get; set; } = [];

    public List<string> SecurityGroupIds { get; set; } = [];
}
