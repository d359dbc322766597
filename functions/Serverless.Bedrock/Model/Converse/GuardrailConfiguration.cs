namespace Serverless.Bedrock.Model;

public sealed class GuardrailConfiguration
{
    public string? GuardrailIdentifier { get; set; }

    public string? GuardrailVersion { get; set; }

    /// <summary>enabled, disabled or enabled_full.</summary>
    public string? Trace { get; set; }
}

public sealed class GuardrailStreamConfiguration
{
    public string? GuardrailIdentifier { get; set; }

    public string? GuardrailVersion { get; set; }

    /// <summary>enabled, disabled or enabled_full.</summary>
    public string? Trace { get; set; }

    /// <summary>sync or async.</summary>
    public string? StreamProcessingMode { get; set; }
}
