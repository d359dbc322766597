using System.Text.Json;
using Serverless.Batch.Storage;

namespace Serverless.Batch.FanOut;

/// <summary>The token totals of a job's <c>manifest.json.out</c> (zero when the job wrote none).</summary>
internal static class JobManifest
{
    public static async Task<(long InputTokens, long OutputTokens)> ReadTokensAsync(IBatchObjectStore store, S3Location location, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(location, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return (0, 0);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (Number(document.RootElement, "inputTokenCount"), Number(document.RootElement, "outputTokenCount"));
        }
        catch (JsonException)
        {
            return (0, 0);
        }
    }

    private static long Number(JsonElement root, string name)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;
}
