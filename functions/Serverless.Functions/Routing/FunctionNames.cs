namespace Serverless.Functions.Routing;

/// <summary>The functions' names: one per handler class, used by the route table, the catalog and (later) the CDK app.</summary>
public static class FunctionNames
{
    public const string Invoke = "invoke";
    public const string InvokeStream = "invoke-stream";
    public const string Converse = "converse";
    public const string ConverseStream = "converse-stream";
    public const string Structured = "structured";
    public const string AsyncStart = "async-start";
    public const string AsyncStatus = "async-status";
    public const string Tokens = "tokens";
    public const string Quota = "quota";
    public const string Batch = "batch";
}
