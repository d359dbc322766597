using System.Text.Json;

namespace Serverless.Bedrock.Model;

/// <summary>Input of StartAsyncInvoke: <c>POST /async-invoke</c>; everything travels in the JSON body.</summary>
public sealed class StartAsyncInvokeRequest
{
    /// <summary>Idempotency token; the client fills one in when unset, as the official SDKs do.</summary>
    public string? ClientRequestToken { get; set; }

    public string ModelId { get; set; } = "";

    /// <summary>The model's native input document.</summary>
    public JsonElement ModelInput { get; set; }

    public AsyncInvokeOutputDataConfig OutputDataConfig { get; set; } = new();

    public List<Tag>? Tags { get; set; }
}

public sealed class StartAsyncInvokeResponse
{
    public string InvocationArn { get; set; } = "";
}

/// <summary>Union with one member today: an S3 destination.</summary>
public sealed class AsyncInvokeOutputDataConfig
{
    public AsyncInvokeS3OutputDataConfig? S3OutputDataConfig { get; set; }
}

public sealed class AsyncInvokeS3OutputDataConfig
{
    public string S3Uri { get; set; } = "";

    public string? KmsKeyId { get; set; }

    public string? BucketOwner { get; set; }
}

public sealed class Tag
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
