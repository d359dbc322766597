using System.Text.Json;

namespace Serverless.Batch.OnDemand;

/// <summary>A record queued for the on-demand path (a line of ondemand.jsonl or retry/*.jsonl).</summary>
internal sealed record WorkItem(string BatchId, string RecordId, string ModelId, ReadOnlyMemory<byte> ModelInput, string? Reason)
{
    public static WorkItem Parse(ReadOnlySpan<byte> line, string where)
    {
        var reader = new Utf8JsonReader(line);
        string? batchId = null, recordId = null, modelId = null, reason = null;
        ReadOnlyMemory<byte> modelInput = default;
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("modelInput"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    modelInput = line[start..(int)reader.BytesConsumed].ToArray();
                    continue;
                }

                var name = reader.GetString();
                reader.Read();
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
                switch (name)
                {
                    case "batchId": batchId = value; break;
                    case "recordId": recordId = value; break;
                    case "modelId": modelId = value; break;
                    case "reason": reason = value; break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{where}: not a work line ({e.Message}).", e);
        }

        if (batchId is null || recordId is null || modelId is null || modelInput.IsEmpty)
        {
            throw new InvalidOperationException($"{where}: a work line needs batchId, recordId, modelId and modelInput.");
        }

        return new WorkItem(batchId, recordId, modelId, modelInput, reason);
    }
}
