using System.Text.RegularExpressions;

namespace Serverless.Bedrock.Validation;

/// <summary>The model's pattern traits, anchored (Smithy patterns are unanchored searches; a full match is what is meant).</summary>
internal static partial class Patterns
{
    [GeneratedRegex(@"^s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?$")]
    public static partial Regex S3Uri();

    [GeneratedRegex(@"^[a-zA-Z0-9_-]{1,64}$")]
    public static partial Regex ToolName();

    [GeneratedRegex(@"^[a-zA-Z0-9_.:-]{1,64}$")]
    public static partial Regex ToolUseId();

    [GeneratedRegex(@"^[a-zA-Z_\.\-/0-9:]+$")]
    public static partial Regex FoundationModelVersionIdentifier();

    [GeneratedRegex(@"^[!-~]*$")]
    public static partial Regex AsyncInvokeIdempotencyToken();

    [GeneratedRegex(@"^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:async-invoke/[a-z0-9]{12}$")]
    public static partial Regex InvocationArn();

    [GeneratedRegex(@"^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\+\-\.]){0,63}$")]
    public static partial Regex JobName();

    [GeneratedRegex(@"^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+$")]
    public static partial Regex RoleArn();

    [GeneratedRegex(@"^[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}$")]
    public static partial Regex JobIdempotencyToken();

    [GeneratedRegex(@"^((arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job/)?[a-z0-9]{12})$")]
    public static partial Regex JobIdentifier();

    [GeneratedRegex(@"^(|([1-9][0-9]{0,7})|(DRAFT))$")]
    public static partial Regex GuardrailVersion();

    [GeneratedRegex(@"^[0-9]{12}$")]
    public static partial Regex AccountId();

    [GeneratedRegex(@"^[-0-9a-zA-Z]+$")]
    public static partial Regex VpcResourceId();

    /// <summary>The control plane's stricter S3 URI (keys limited to S3's "safe" characters).</summary>
    [GeneratedRegex(@"^s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?$")]
    public static partial Regex JobS3Uri();
}
