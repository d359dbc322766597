namespace Serverless.Infra.Configuration;

/// <summary>Memory and timeout of one Lambda function.</summary>
public sealed record FunctionSize(int MemoryMb, int TimeoutSeconds);
