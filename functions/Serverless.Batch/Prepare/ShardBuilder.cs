using System.Buffers;
using Serverless.Batch.Contracts;
using Serverless.Batch.Storage;

namespace Serverless.Batch.Prepare;

/// <summary>Collects one model's job lines into shards of the planned size and uploads each as it fills.</summary>
internal sealed class ShardBuilder(IBatchObjectStore store, S3Location runPrefix, string runId, string modelId, ShardPlan plan, Func<string> nextShardId)
{
    private ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private long _records;

    public List<ShardInfo> Shards { get; } = [];

    /// <summary>Starts a new shard first when this line would break the planned count or the byte limit.</summary>
    public async ValueTask BeforeLineAsync(int lineBytes, CancellationToken cancellationToken)
    {
        if (_records > 0 && (_records >= plan.RecordsPerShard || _buffer.WrittenCount + lineBytes + 1 > plan.MaxBytes))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public IBufferWriter<byte> Output => _buffer;

    /// <summary>Counts a line the caller wrote to <see cref="Output"/>.</summary>
    public void LineWritten() => _records++;

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_records == 0)
        {
            return;
        }

        var shardId = nextShardId();
        var input = runPrefix.Append($"input/{shardId}.jsonl");
        await store.PutAsync(input, _buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        Shards.Add(new ShardInfo
        {
            ShardId = shardId,
            ModelId = modelId,
            InputUri = input.ToString(),
            OutputUri = runPrefix.Append($"output/{shardId}/").ToString(),
            RecordCount = _records,
            Bytes = _buffer.WrittenCount,
            JobName = JobNaming.JobName(runId, shardId),
            ClientRequestToken = JobNaming.ClientRequestToken(runId, shardId),
        });
        _buffer = new ArrayBufferWriter<byte>(1 << 20);
        _records = 0;
    }
}
