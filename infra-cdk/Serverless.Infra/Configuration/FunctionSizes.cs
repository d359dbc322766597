using Serverless.Infra.Contracts;

namespace Serverless.Infra.Configuration;

/// <summary>Default memory and timeout per function (override per name with cdk.json <c>functions</c>).</summary>
public static class FunctionSizes
{
    /// <summary>API Gateway ends an HTTP API integration after 30 s, so a longer Lambda timeout would only burn money.</summary>
    public static readonly FunctionSize Http = new(512, 30);

    /// <summary>Function URLs stream for up to 15 minutes; a long generation takes minutes.</summary>
    public static readonly FunctionSize Streaming = new(512, 300);

    /// <summary>Lambda's longest timeout: prepare builds a shard (up to 1 GB) in memory, fan-out and retry work through whole jobs.</summary>
    public static readonly FunctionSize LongBatchStep = new(1024, 900);

    public static readonly FunctionSize Prepare = new(3008, 900);

    /// <summary>Admit and release are one ledger write each.</summary>
    public static readonly FunctionSize LedgerStep = new(256, 60);

    public static FunctionSize Default(string functionName) => functionName switch
    {
        HandlerNames.InvokeStream or HandlerNames.ConverseStream => Streaming,
        HandlerNames.BatchPrepare => Prepare,
        HandlerNames.BatchAdmit or HandlerNames.BatchRelease => LedgerStep,
        HandlerNames.BatchFanOut or HandlerNames.BatchRetry or HandlerNames.BatchSummarize => LongBatchStep,
        _ => Http,
    };
}
