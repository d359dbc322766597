using System.Text.Json.Serialization;

namespace Serverless.Functions.StepFunctions;

/// <summary>Source-generated JSON of the Step Functions wire shapes (camelCase members, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartExecutionRequest))]
[JsonSerializable(typeof(StartExecutionResponse))]
[JsonSerializable(typeof(DescribeExecutionRequest))]
[JsonSerializable(typeof(DescribeExecutionResponse))]
internal sealed partial class StepFunctionsJsonContext : JsonSerializerContext;
