namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>The ModelInvocationJobStatus enum of the Bedrock model.</summary>
public static class BatchJobStatus
{
    public const string Submitted = "Submitted";
    public const string Validating = "Validating";
    public const string Scheduled = "Scheduled";
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string PartiallyCompleted = "PartiallyCompleted";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
    public const string Expired = "Expired";

    public static readonly IReadOnlyList<string> All =
        [Submitted, InProgress, Completed, Failed, Stopping, Stopped, PartiallyCompleted, Expired, Validating, Scheduled];

    /// <summary>Statuses that count against the per-model job quota and that StopModelInvocationJob accepts.</summary>
    public static bool IsActive(string status) => status is Submitted or Validating or Scheduled or InProgress;

    public static bool IsTerminal(string status) => status is Completed or PartiallyCompleted or Failed or Stopped or Expired;
}
