using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.AsyncInvoke;

/// <summary>One asynchronous invocation: the request (immutable) and its state (changed under its lock).</summary>
internal sealed class AsyncInvocation(string id, string arn, string modelArn, StartAsyncInvokeRequest request, string requestFingerprint, DateTimeOffset submitTime)
{
    private readonly object _gate = new();
    private string _status = AsyncInvokeStatus.InProgress;
    private string? _failureMessage;
    private DateTimeOffset _lastModifiedTime = submitTime;
    private DateTimeOffset? _endTime;

    public string Id { get; } = id;

    public string Arn { get; } = arn;

    public StartAsyncInvokeRequest Request { get; } = request;

    public string RequestFingerprint { get; } = requestFingerprint;

    public DateTimeOffset SubmitTime { get; } = submitTime;

    /// <summary>Where the outputs go: <c>{s3Uri}/{invocationId}/</c>.</summary>
    public S3ObjectUri OutputFolder { get; } = S3ObjectUri.Parse(request.OutputDataConfig!.S3OutputDataConfig!.S3Uri!).Append(id + "/");

    public StatusHistory History { get; } = new(AsyncInvokeStatus.InProgress);

    public void Complete(DateTimeOffset now) => End(AsyncInvokeStatus.Completed, null, now);

    public void Fail(string message, DateTimeOffset now) => End(AsyncInvokeStatus.Failed, message, now);

    public AsyncInvokeDescription Describe()
    {
        lock (_gate)
        {
            return new AsyncInvokeDescription
            {
                InvocationArn = Arn,
                ModelArn = modelArn,
                ClientRequestToken = Request.ClientRequestToken,
                Status = _status,
                FailureMessage = _failureMessage,
                SubmitTime = SubmitTime,
                LastModifiedTime = _lastModifiedTime,
                EndTime = _endTime,
                OutputDataConfig = Request.OutputDataConfig!,
            };
        }
    }

    private void End(string status, string? failureMessage, DateTimeOffset now)
    {
        lock (_gate)
        {
            _status = status;
            _failureMessage = failureMessage;
            _lastModifiedTime = now;
            _endTime = now;
        }

        History.Add(status);
    }
}
