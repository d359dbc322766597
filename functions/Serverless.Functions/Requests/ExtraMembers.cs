using System.Text.Json;
using Serverless.Functions.Errors;

namespace Serverless.Functions.Requests;

/// <summary>
/// The members of a Converse-shaped body that Bedrock's request type does not have (modelId, conversationId, schema,
/// ...). They arrive in the type's extension data; this takes ours out so only unknown members are passed on.
/// </summary>
internal sealed class ExtraMembers(Dictionary<string, JsonElement>? members)
{
    public JsonElement? Take(string name)
    {
        if (members is null || !members.Remove(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value;
    }

    public string? TakeString(string name)
    {
        if (Take(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw FunctionException.BadRequest(name, "must be a string");
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? throw FunctionException.BadRequest(name, "must not be empty") : text;
    }

    public string TakeRequiredString(string name) => TakeString(name) ?? throw FunctionException.BadRequest(name, "is required");

    /// <summary>What is left: members neither we nor Bedrock's type know (passed to Bedrock, which judges them); null when none.</summary>
    public Dictionary<string, JsonElement>? Remaining => members is { Count: > 0 } ? members : null;
}
