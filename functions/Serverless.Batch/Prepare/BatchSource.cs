using System.Text.Json;

namespace Serverless.Batch.Prepare;

/// <summary>One batch's records to prepare: a JSONL object in S3 or inline records.</summary>
internal sealed record BatchSource(string BatchId, string ModelId, string? InputUri, IReadOnlyList<JsonElement>? Records);
