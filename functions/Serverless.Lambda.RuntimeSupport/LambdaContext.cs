namespace Serverless.Lambda.RuntimeSupport;

/// <summary>One invocation's context. Owns the token that fires a safety margin before the deadline.</summary>
internal sealed class LambdaContext : ILambdaContext, IDisposable
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly InvocationRequest _request;
    private readonly LambdaFunctionInfo _function;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _beforeDeadline;
    private readonly CancellationTokenSource _linked;

    public LambdaContext(InvocationRequest request, LambdaFunctionInfo function, TimeProvider time, TimeSpan cancellationMargin, CancellationToken shutdown)
    {
        _request = request;
        _function = function;
        _time = time;
        var untilCancel = request.Deadline - cancellationMargin - time.GetUtcNow();
        if (untilCancel <= TimeSpan.Zero)
        {
            _beforeDeadline = new CancellationTokenSource();
            _beforeDeadline.Cancel();
        }
        else if (untilCancel > MaxTimerDelay)
        {
            // Beyond what a timer can wait (Lambda's own limit is 15 minutes): only shutdown cancels.
            _beforeDeadline = new CancellationTokenSource();
        }
        else
        {
            // The timer runs on the injected clock, so tests move time instead of waiting for it.
            _beforeDeadline = new CancellationTokenSource(untilCancel, time);
        }

        _linked = CancellationTokenSource.CreateLinkedTokenSource(_beforeDeadline.Token, shutdown);
    }

    public string AwsRequestId => _request.AwsRequestId;

    public string InvokedFunctionArn => _request.InvokedFunctionArn;

    public DateTimeOffset Deadline => _request.Deadline;

    public TimeSpan RemainingTime => _request.Deadline - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public string? TraceId => _request.TraceId;

    public string FunctionName => _function.FunctionName;

    public string FunctionVersion => _function.FunctionVersion;

    public int MemoryLimitInMB => _function.MemoryLimitInMB;

    public string LogGroupName => _function.LogGroupName;

    public string LogStreamName => _function.LogStreamName;

    public string? ClientContextJson => _request.ClientContextJson;

    public string? CognitoIdentityJson => _request.CognitoIdentityJson;

    public CancellationToken CancellationToken => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _beforeDeadline.Dispose();
    }
}
