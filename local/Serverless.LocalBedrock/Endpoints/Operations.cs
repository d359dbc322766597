namespace Serverless.LocalBedrock.Endpoints;

/// <summary>Runtime operation names, as in service-2.json; faults and stats are keyed by them.</summary>
public static class Operations
{
    public const string InvokeModel = "InvokeModel";
    public const string InvokeModelWithResponseStream = "InvokeModelWithResponseStream";
    public const string Converse = "Converse";
    public const string ConverseStream = "ConverseStream";
    public const string CountTokens = "CountTokens";
}
