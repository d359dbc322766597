using System.Text.Json.Serialization;

namespace Serverless.Functions.StepFunctions;

/// <summary>StartExecution's request, as the service model (and AWSSDK.StepFunctions' StartExecutionRequest) names it.</summary>
public sealed class StartExecutionRequest
{
    /// <summary>The state machine (or its version or alias) to run; required, 1 to 256 characters.</summary>
    public string? StateMachineArn { get; set; }

    /// <summary>
    /// The execution's name, 1 to 80 characters, unique per state machine for 90 days. A STANDARD state machine
    /// treats a second start with the same name and input, while the first still runs, as the same start.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The execution's JSON input as a string (at most 256 KiB of UTF-8); "{}" when null.</summary>
    public string? Input { get; set; }

    /// <summary>An X-Ray trace header (ASCII, at most 256 characters).</summary>
    public string? TraceHeader { get; set; }
}

public sealed class StartExecutionResponse
{
    public string ExecutionArn { get; set; } = "";

    /// <summary>When the execution started (epoch seconds on the wire).</summary>
    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset StartDate { get; set; }
}
