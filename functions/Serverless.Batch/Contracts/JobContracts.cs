using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Quota;

namespace Serverless.Batch.Contracts;

public sealed class AdmitInput
{
    public RunInfo Run { get; set; } = new();

    public ShardInfo Shard { get; set; } = new();
}

/// <summary>A job slot held in the ledger, and the polling plan of the job that uses it.</summary>
public sealed class JobSlot
{
    public QuotaReservation? Reservation { get; set; }

    public PollState Poll { get; set; } = new();
}

/// <summary>
/// The precomputed polling plan: the state machine waits <see cref="Seconds"/>, polls, and moves to the next
/// entry with States.ArrayGetItem / States.MathAdd. At <see cref="StopAt"/> it stops the job (the SLA deadline, or
/// the end of the plan); at <see cref="GiveUpAt"/> it fans out whatever there is.
/// </summary>
public sealed class PollState
{
    public int Index { get; set; }

    public int Seconds { get; set; }

    public List<int> Schedule { get; set; } = [];

    public int StopAt { get; set; }

    public int GiveUpAt { get; set; }
}

public sealed class ReleaseInput
{
    public JobSlot? Slot { get; set; }
}

public sealed class ReleaseOutput
{
    public bool Released { get; set; }
}

/// <summary>GetModelInvocationJob's output as the aws-sdk integration returns it (PascalCase members).</summary>
public sealed class JobView
{
    [JsonPropertyName("JobArn")]
    public string? JobArn { get; set; }

    [JsonPropertyName("Status")]
    public string? Status { get; set; }

    [JsonPropertyName("Message")]
    public string? Message { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>A Catch's error output: <c>{"Error", "Cause"}</c>.</summary>
public sealed class StateError
{
    [JsonPropertyName("Error")]
    public string? Error { get; set; }

    [JsonPropertyName("Cause")]
    public string? Cause { get; set; }
}

public sealed class FanOutInput
{
    public RunInfo Run { get; set; } = new();

    public ShardInfo Shard { get; set; } = new();

    /// <summary>The job's last status; null when no job ran (see <see cref="Error"/>).</summary>
    public JobView? Job { get; set; }

    /// <summary>Why no job ran or finished (admission or creation failed after its retries).</summary>
    public StateError? Error { get; set; }
}

public sealed class FanOutOutput
{
    public string ShardId { get; set; } = "";

    /// <summary>Completed, PartiallyCompleted, Failed, Stopped, Expired, or NotRun.</summary>
    public string JobStatus { get; set; } = "";

    public long Records { get; set; }

    public long Succeeded { get; set; }

    /// <summary>Error lines, records of a failed job, and records missing from the output; all queued for on-demand retry.</summary>
    public long Failed { get; set; }

    public long Missing { get; set; }

    /// <summary>From the job's manifest.json.out.</summary>
    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }
}
