using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// A fake <see cref="IAmazonDynamoDB"/> whose item calls answer from a script, one step per call (the last step
/// repeats): throttle, fail, hang until cancelled, or succeed. It counts calls and records the clock at each.
/// Nothing is sent anywhere: the three methods the store uses are overridden.
/// </summary>
internal sealed class ScriptedDynamoDbClient(TimeProvider clock, params Func<CancellationToken, Task>[] steps)
    : AmazonDynamoDBClient(new BasicAWSCredentials("fake", "fake"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", MaxErrorRetry = 0 })
{
    private readonly List<DateTimeOffset> _callTimes = [];

    public int Calls => _callTimes.Count;

    public IReadOnlyList<DateTimeOffset> CallTimes => _callTimes;

    public static Func<CancellationToken, Task> Throw(Exception e) => _ => Task.FromException(e);

    public static Func<CancellationToken, Task> Succeed => _ => Task.CompletedTask;

    /// <summary>Never answers; ends only when the store cancels the attempt (as a stalled connection would).</summary>
    public static Func<CancellationToken, Task> Hang => token => Task.Delay(Timeout.InfiniteTimeSpan, token);

    public override async Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default)
    {
        await NextAsync(cancellationToken);
        return new UpdateItemResponse();
    }

    public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        await NextAsync(cancellationToken);
        return new PutItemResponse();
    }

    public override async Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        await NextAsync(cancellationToken);
        return new GetItemResponse();
    }

    private Task NextAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task> step;
        lock (_callTimes)
        {
            step = steps[Math.Min(_callTimes.Count, steps.Length - 1)];
            _callTimes.Add(clock.GetUtcNow());
        }

        return step(cancellationToken);
    }
}
