using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Batch.Contracts;

namespace Serverless.Batch.Json;

/// <summary>Source-generated JSON of every step's input and output (camelCase; nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(PrepareInput))]
[JsonSerializable(typeof(PrepareOutput))]
[JsonSerializable(typeof(AdmitInput))]
[JsonSerializable(typeof(JobSlot))]
[JsonSerializable(typeof(ReleaseInput))]
[JsonSerializable(typeof(ReleaseOutput))]
[JsonSerializable(typeof(FanOutInput))]
[JsonSerializable(typeof(FanOutOutput))]
[JsonSerializable(typeof(RetryInput))]
[JsonSerializable(typeof(OnDemandProgress))]
[JsonSerializable(typeof(SummarizeInput))]
[JsonSerializable(typeof(BatchSummary))]
[JsonSerializable(typeof(Pending.PendingBatch))]
public sealed partial class BatchJsonContext : JsonSerializerContext;
