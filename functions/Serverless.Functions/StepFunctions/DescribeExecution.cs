using System.Text.Json.Serialization;

namespace Serverless.Functions.StepFunctions;

/// <summary>DescribeExecution's request, as the service model (and AWSSDK.StepFunctions' DescribeExecutionRequest) names it.</summary>
public sealed class DescribeExecutionRequest
{
    /// <summary>The execution to describe; required, 1 to 256 characters.</summary>
    public string? ExecutionArn { get; set; }
}

/// <summary>
/// DescribeExecution's answer, named as the service model and AWSSDK.StepFunctions' DescribeExecutionResponse do;
/// members not modelled here (inputDetails, redriveStatus, mapRunArn, ...) are ignored.
/// </summary>
public sealed class DescribeExecutionResponse
{
    public string ExecutionArn { get; set; } = "";

    /// <summary>The state machine that ran (for a version or alias, the state machine itself).</summary>
    public string StateMachineArn { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.</summary>
    public string Status { get; set; } = "";

    /// <summary>When the execution started (epoch seconds on the wire).</summary>
    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset StartDate { get; set; }

    /// <summary>When the execution closed; null while it runs.</summary>
    [JsonConverter(typeof(NullableEpochSecondsConverter))]
    public DateTimeOffset? StopDate { get; set; }

    /// <summary>The execution's JSON input as a string.</summary>
    public string? Input { get; set; }

    /// <summary>The execution's JSON output as a string once it SUCCEEDED; null otherwise.</summary>
    public string? Output { get; set; }

    /// <summary>The error code of a FAILED, TIMED_OUT or ABORTED execution.</summary>
    public string? Error { get; set; }

    /// <summary>The error's cause, in the words of the failing state.</summary>
    public string? Cause { get; set; }
}
