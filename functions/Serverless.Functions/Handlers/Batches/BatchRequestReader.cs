using System.Globalization;
using System.Text.Json;
using Serverless.Batch.Storage;
using Serverless.Functions.Errors;
using Serverless.Functions.Requests;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// Reads and checks a POST /v1/batch body before anything is written or started: every problem batch-prepare would
/// fail the execution for later (bad records, ranges, a past deadline) is a 400 naming the field now.
/// </summary>
internal static class BatchRequestReader
{
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "modelId", "records", "inputS3Uri", "deferred", "clientToken", "modelInvocationType", "timeoutHours", "deadline", "maxOnDemandAttempts",
    };

    /// <summary>Options of a run; a deferred batch joins the scheduled run, whose own settings apply.</summary>
    private static readonly string[] RunOptions = ["modelInvocationType", "timeoutHours", "deadline", "maxOnDemandAttempts"];

    public static BatchRequest Read(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        using var document = JsonBody.Parse(body);
        var root = document.RootElement;
        foreach (var member in root.EnumerateObject())
        {
            if (!Members.Contains(member.Name))
            {
                throw FunctionException.BadRequest(member.Name, $"is not a member of a batch request (known: {string.Join(", ", Members)})");
            }
        }

        var modelId = JsonBody.RequiredString(root, "modelId");
        var deferred = Bool(root, "deferred") ?? false;
        JsonBody.OptionalString(root, "clientToken");
        if (deferred && RunOptions.FirstOrDefault(name => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) is { } option)
        {
            throw FunctionException.BadRequest(option, "cannot be set for a deferred batch (the scheduled run's settings apply)");
        }

        var inputS3Uri = JsonBody.OptionalString(root, "inputS3Uri");
        var records = root.TryGetProperty("records", out var given) && given.ValueKind != JsonValueKind.Null ? given : (JsonElement?)null;
        if (records is not null && inputS3Uri is not null)
        {
            throw FunctionException.BadRequest("inputS3Uri", "give either records or inputS3Uri, not both");
        }

        if (records is null && inputS3Uri is null)
        {
            throw FunctionException.BadRequest("records", "is required (or inputS3Uri: an s3:// URI of a JSONL file)");
        }

        if (inputS3Uri is not null && (!S3Location.TryParse(inputS3Uri, out var location) || location.Key.Length == 0 || location.Key.EndsWith('/')))
        {
            throw FunctionException.BadRequest("inputS3Uri", $"'{inputS3Uri}' is not an s3://bucket/key URI of a file");
        }

        if (records is { ValueKind: not JsonValueKind.Array })
        {
            throw FunctionException.BadRequest("records", "must be an array of {\"recordId\"?, \"modelInput\"} objects");
        }

        return new BatchRequest
        {
            ModelId = modelId,
            // Typed null: a bare null would convert to an EMPTY ReadOnlyMemory (through byte[]), and the route would
            // then write "the inline records" over the caller's own inputS3Uri file.
            RecordsJsonl = records is { } array ? InlineRecords.ToJsonl(array) : (ReadOnlyMemory<byte>?)null,
            InputS3Uri = inputS3Uri,
            Deferred = deferred,
            ModelInvocationType = InvocationType(root),
            TimeoutHours = Int(root, "timeoutHours", 24, 168),
            Deadline = Deadline(root, now),
            MaxOnDemandAttempts = Int(root, "maxOnDemandAttempts", 0, 10),
        };
    }

    private static string? InvocationType(JsonElement root)
        => JsonBody.OptionalString(root, "modelInvocationType") switch
        {
            null => null,
            var type when type is "InvokeModel" or "Converse" => type,
            var other => throw FunctionException.BadRequest("modelInvocationType", $"must be InvokeModel or Converse (was \"{other}\")"),
        };

    private static DateTimeOffset? Deadline(JsonElement root, DateTimeOffset now)
    {
        if (JsonBody.OptionalString(root, "deadline") is not { } text)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var deadline))
        {
            throw FunctionException.BadRequest("deadline", $"'{text}' is not an ISO 8601 date and time");
        }

        return deadline > now ? deadline : throw FunctionException.BadRequest("deadline", $"{deadline:O} has already passed");
    }

    private static int? Int(JsonElement root, string name, int min, int max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw FunctionException.BadRequest(name, "must be a whole number");
        }

        return number >= min && number <= max ? number : throw FunctionException.BadRequest(name, $"must be {min} to {max} (was {number})");
    }

    private static bool? Bool(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw FunctionException.BadRequest(name, "must be true or false"),
        };
    }
}
