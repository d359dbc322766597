using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.AsyncInvoke;

/// <summary>The async invocations of one local Bedrock: start (idempotent on clientRequestToken), get, list, and their background runs.</summary>
internal sealed class AsyncInvokeRegistry(LocalJobsOptions options, ResourceClock clock, SeededIds ids, Func<string, bool> isKnownModel, AsyncInvokeRunner runner)
    : IAsyncDisposable
{

    private readonly object _gate = new();
    private readonly List<AsyncInvocation> _invocations = [];
    private readonly Dictionary<string, AsyncInvocation> _byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AsyncInvocation> _byToken = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _shutdown = new();

    public StartAsyncInvokeResponse Start(StartAsyncInvokeRequest request)
    {
        StartAsyncInvokeValidator.Validate(request, isKnownModel);
        var fingerprint = JsonSerializer.Serialize(request, JobsJsonContext.Default.StartAsyncInvokeRequest);
        AsyncInvocation invocation;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
            if (request.ClientRequestToken is { } token && _byToken.TryGetValue(token, out var earlier))
            {
                return earlier.RequestFingerprint == fingerprint
                    ? new StartAsyncInvokeResponse(earlier.Arn)
                    : throw JobsApiException.Conflict($"The clientRequestToken '{token}' was already used for invocation {earlier.Arn} with different parameters.");
            }

            var id = ids.Next();
            var arn = $"arn:aws:bedrock:{options.Region}:{options.AccountId}:async-invoke/{id}";
            invocation = new AsyncInvocation(id, arn, ModelArn(request.ModelId!), request, fingerprint, clock.Now);
            _invocations.Add(invocation);
            _byArn.Add(arn, invocation);
            if (request.ClientRequestToken is { } newToken)
            {
                _byToken.Add(newToken, invocation);
            }
        }

        var run = runner.RunAsync(invocation, _shutdown.Token);
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }

        return new StartAsyncInvokeResponse(invocation.Arn);
    }

    public AsyncInvokeDescription Get(string invocationArn) => Find(invocationArn).Describe();

    public Task WaitForStatusAsync(string invocationArn, string status, CancellationToken cancellationToken)
        => Find(invocationArn).History.WaitForAsync(status, cancellationToken);

    public ListAsyncInvokesResponse List(AsyncInvokeQuery query)
    {
        var pageSize = SubmitTimeListing.Validate(query.StatusEquals, AsyncInvokeStatus.All, query.SortBy, "SubmissionTime", query.SortOrder, query.MaxResults);
        List<AsyncInvocation> snapshot;
        lock (_gate)
        {
            snapshot = [.. _invocations];
        }

        var (page, nextToken) = SubmitTimeListing.Page(
            snapshot.Select(i => i.Describe()).ToList(), d => d.Status, d => d.SubmitTime,
            query.StatusEquals, query.SubmitTimeAfter, query.SubmitTimeBefore, query.SortOrder, query.NextToken, pageSize);
        return new ListAsyncInvokesResponse(page, nextToken);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested)
            {
                return;
            }

            _shutdown.Cancel();
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private string ModelArn(string modelId)
        => modelId.StartsWith("arn:", StringComparison.Ordinal) ? modelId : $"arn:aws:bedrock:{options.Region}::foundation-model/{modelId}";

    private AsyncInvocation Find(string invocationArn)
    {
        MemberRules.Length(invocationArn, "invocationArn", 1, 2048);
        MemberRules.Pattern(invocationArn, "invocationArn", ShapePatterns.InvocationArn());
        lock (_gate)
        {
            if (_byArn.TryGetValue(invocationArn, out var invocation))
            {
                return invocation;
            }
        }

        // GetAsyncInvoke's model lists no ResourceNotFoundException; an unknown ARN is a ValidationException there.
        throw JobsApiException.Validation($"No async invocation has the ARN {invocationArn}.");
    }
}
