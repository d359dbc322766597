namespace Serverless.Bedrock.Model;

public sealed class PerformanceConfiguration
{
    /// <summary>standard or optimized.</summary>
    public string? Latency { get; set; }
}

public sealed class ServiceTier
{
    /// <summary>priority, default, flex or reserved.</summary>
    public string Type { get; set; } = "default";
}

public sealed class PromptVariableValues
{
    public string? Text { get; set; }
}
