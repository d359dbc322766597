using System.Text.RegularExpressions;

namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>The string patterns of the Bedrock service models, anchored (the model's patterns must match the whole value).</summary>
internal static partial class ShapePatterns
{
    [GeneratedRegex(@"^(?:[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\+\-\.]){0,63})$")]
    public static partial Regex JobName();

    [GeneratedRegex(@"^(?:arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+)$")]
    public static partial Regex RoleArn();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256})$")]
    public static partial Regex JobIdempotencyToken();

    [GeneratedRegex(@"^(?:s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?)$")]
    public static partial Regex JobS3Uri();

    [GeneratedRegex(@"^(?:((arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job/)?[a-z0-9]{12}))$")]
    public static partial Regex JobIdentifier();

    [GeneratedRegex(@"^(?:[!-~]*)$")]
    public static partial Regex AsyncIdempotencyToken();

    [GeneratedRegex(@"^(?:[a-zA-Z_\.\-/0-9:]+)$")]
    public static partial Regex AsyncModelId();

    [GeneratedRegex(@"^(?:s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?)$")]
    public static partial Regex AsyncS3Uri();

    [GeneratedRegex(@"^(?:arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:async-invoke/[a-z0-9]{12})$")]
    public static partial Regex InvocationArn();
}
