namespace Serverless.LocalBedrock.Jobs.AsyncInvoke;

/// <summary>The AsyncInvokeStatus enum of the Bedrock runtime model.</summary>
public static class AsyncInvokeStatus
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";

    public static readonly IReadOnlyList<string> All = [InProgress, Completed, Failed];
}
