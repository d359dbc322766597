using System.Text;
using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Storage;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>
/// Reads and checks a job's input the way Bedrock's Validating phase does: a .jsonl file or a prefix of them,
/// one JSON object per line with a modelInput object and an optional recordId, within the record limits.
/// </summary>
internal sealed class BatchInputLoader(IObjectStore store, int minRecords, int maxRecords)
{
    private const string JsonlExtension = ".jsonl";

    public async Task<BatchInput> LoadAsync(S3ObjectUri input, Func<string> newRecordId, CancellationToken cancellationToken)
    {
        var sources = await FindFilesAsync(input, cancellationToken).ConfigureAwait(false);
        if (sources.Failure is not null)
        {
            return BatchInput.Failure(sources.Failure);
        }

        var files = new List<BatchInputFile>();
        var total = 0;
        foreach (var (uri, relativeName) in sources.Files)
        {
            var bytes = await store.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return BatchInput.Failure($"The input file {uri} does not exist.");
            }

            var records = new List<BatchRecord>();
            var problem = ParseLines(uri, bytes, records, newRecordId, maxRecords - total);
            if (problem is not null)
            {
                return BatchInput.Failure(problem);
            }

            total += records.Count;
            files.Add(new BatchInputFile(uri, relativeName, records));
        }

        if (total < minRecords)
        {
            return BatchInput.Failure($"The input at {input} has {total} records; a batch inference job needs at least {minRecords} records.");
        }

        return new BatchInput(files, null);
    }

    private async Task<(List<(S3ObjectUri Uri, string RelativeName)> Files, string? Failure)> FindFilesAsync(S3ObjectUri input, CancellationToken cancellationToken)
    {
        if (input.Key.EndsWith(JsonlExtension, StringComparison.Ordinal))
        {
            return ([(input, input.FileName)], null);
        }

        // A prefix without its trailing '/' would also match sibling keys such as "input-old.jsonl".
        var prefix = input.Key.Length == 0 || input.Key.EndsWith('/') ? input : input with { Key = input.Key + "/" };
        var files = new List<(S3ObjectUri, string)>();
        await foreach (var uri in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (uri.Key.EndsWith(JsonlExtension, StringComparison.Ordinal))
            {
                files.Add((uri, uri.Key[prefix.Key.Length..]));
            }
        }

        return files.Count == 0
            ? ([], $"No {JsonlExtension} input files were found at {input}: the input must be a .jsonl file or a folder of them.")
            : (files, null);
    }

    private string? ParseLines(S3ObjectUri uri, byte[] bytes, List<BatchRecord> records, Func<string> newRecordId, int capacity)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (records.Count >= capacity)
            {
                return $"The input has more than {maxRecords} records, the most a batch inference job may have (limit passed at line {lineNumber} of {uri}).";
            }

            var problem = ParseRecord(line, newRecordId, out var record);
            if (problem is not null)
            {
                return $"Line {lineNumber} of {uri} is invalid: {problem}";
            }

            records.Add(record!);
        }

        return null;
    }

    private static string? ParseRecord(string line, Func<string> newRecordId, out BatchRecord? record)
    {
        record = null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return "it is not valid JSON (" + e.Message + ")";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "each line must be a JSON object with recordId and modelInput.";
        }

        if (!root.TryGetProperty("modelInput", out var modelInput) || modelInput.ValueKind != JsonValueKind.Object)
        {
            return "modelInput is missing or is not a JSON object.";
        }

        string recordId;
        if (root.TryGetProperty("recordId", out var id))
        {
            if (id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
            {
                return "recordId must be a non-empty string.";
            }

            recordId = id.GetString()!;
        }
        else
        {
            recordId = newRecordId();
        }

        record = new BatchRecord(recordId, modelInput);
        return null;
    }
}
