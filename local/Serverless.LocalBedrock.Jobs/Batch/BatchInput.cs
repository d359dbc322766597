using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Storage;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>One input record: its id (given or generated) and the native model request body.</summary>
/// <param name="ModelInput">The record's modelInput, re-serialised compactly in the output line.</param>
internal sealed record BatchRecord(string RecordId, JsonElement ModelInput);

/// <summary>One .jsonl input file and the name of its output (<c>{name}.out</c> in the job's output folder).</summary>
internal sealed record BatchInputFile(S3ObjectUri Uri, string RelativeName, IReadOnlyList<BatchRecord> Records)
{
    public string OutputName => RelativeName + ".out";
}

/// <summary>The validated input of a job, or why validation failed (the job's Failed message).</summary>
internal sealed record BatchInput(IReadOnlyList<BatchInputFile> Files, string? FailureMessage)
{
    public int RecordCount => Files.Sum(f => f.Records.Count);

    public static BatchInput Failure(string message) => new([], message);
}
