namespace Serverless.Bedrock.Model;

public sealed class InferenceConfiguration
{
    /// <summary>At least 1.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>0 to 1.</summary>
    public float? Temperature { get; set; }

    /// <summary>0 to 1.</summary>
    public float? TopP { get; set; }

    /// <summary>At most 2500 entries, none empty.</summary>
    public List<string>? StopSequences { get; set; }
}
