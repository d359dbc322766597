using System.Buffers;
using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Contracts;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>
/// Writes a job's results where Bedrock puts them: <c>{outputS3Uri}/{jobId}/{inputFileName}.out</c> per input file
/// (one line per processed record, in input order) and <c>{outputS3Uri}/{jobId}/manifest.json.out</c>.
/// </summary>
internal sealed class BatchOutputWriter(IObjectStore store)
{
    public const string ManifestName = "manifest.json.out";

    public async Task<BatchRecordCounts> WriteAsync(BatchJob job, BatchInput input, ModelInvocationResult?[][] results, CancellationToken cancellationToken)
    {
        long processed = 0, succeeded = 0, failed = 0, inputTokens = 0, outputTokens = 0;
        for (var f = 0; f < input.Files.Count; f++)
        {
            var file = input.Files[f];
            var buffer = new ArrayBufferWriter<byte>();
            for (var r = 0; r < file.Records.Count; r++)
            {
                if (Volatile.Read(ref results[f][r]) is not { } result)
                {
                    continue;
                }

                BatchOutputLine.Write(buffer, file.Records[r], result);
                processed++;
                inputTokens += result.InputTokens;
                outputTokens += result.OutputTokens;
                if (result.Succeeded && result.ModelOutput is not null)
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                }
            }

            await store.PutAsync(job.OutputFolder.Append(file.OutputName), buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        var counts = new BatchRecordCounts(input.RecordCount, processed, succeeded, failed, inputTokens, outputTokens);
        var manifest = new BatchOutputManifest(counts.Total, counts.Processed, counts.Succeeded, counts.Failed, counts.InputTokens, counts.OutputTokens);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, JobsJsonContext.Default.BatchOutputManifest);
        await store.PutAsync(job.OutputFolder.Append(ManifestName), manifestBytes, cancellationToken).ConfigureAwait(false);
        return counts;
    }
}
