using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Infra.Configuration;

/// <summary>
/// Reads one JSON object of the cdk.json context with errors that name the full key path, and refuses members it
/// does not know, so that a typo in cdk.json fails the synth instead of silently falling back to a default.
/// </summary>
internal sealed class ContextReader
{
    private readonly JsonObject _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public ContextReader(JsonObject node, string path)
    {
        _node = node;
        Path = path;
    }

    public string Path { get; }

    public string? String(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        return value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : throw Invalid(name, "must be a non-empty string");
    }

    public int? Int(string name, int min, int max)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.Number || !TryWhole(value.AsValue(), out var number))
        {
            throw Invalid(name, $"must be a whole number from {min} to {max}");
        }

        return number < min || number > max ? throw Invalid(name, $"must be from {min} to {max} (was {number})") : number;
    }

    public bool? Bool(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(name, "must be true or false"),
        };
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        if (value is not JsonArray array)
        {
            throw Invalid(name, "must be a list of strings");
        }

        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue item || item.GetValueKind() != JsonValueKind.String || item.GetValue<string>() is not { Length: > 0 } text)
            {
                throw new InfraSettingsException($"{Path}.{name}[{i}]: must be a non-empty string.");
            }

            result.Add(text);
        }

        return result;
    }

    public ContextReader? Object(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        return value is JsonObject obj ? new ContextReader(obj, $"{Path}.{name}") : throw Invalid(name, "must be an object");
    }

    /// <summary>The member as raw JSON (passed on to a loader that validates it itself).</summary>
    public JsonObject? RawObject(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        return value is JsonObject obj ? obj : throw Invalid(name, "must be an object");
    }

    /// <summary>The members of an object whose keys are names (model ids, function names, environments).</summary>
    public IEnumerable<(string Key, ContextReader Reader)> Entries()
    {
        foreach (var (key, value) in _node)
        {
            _read.Add(key);
            if (value is not JsonObject obj)
            {
                throw new InfraSettingsException($"{Path}['{key}']: must be an object.");
            }

            yield return (key, new ContextReader(obj, $"{Path}['{key}']"));
        }
    }

    /// <summary>The member names (each then read with <see cref="String"/> or the like).</summary>
    public IReadOnlyList<string> Names() => _node.Select(member => member.Key).ToList();

    /// <summary>Fails on the first member nobody read: a misspelt key names itself.</summary>
    public void RejectUnknown()
    {
        foreach (var (key, _) in _node)
        {
            if (!_read.Contains(key))
            {
                throw new InfraSettingsException($"{Path}.{key}: unknown setting (docs/deploy.md lists the settings).");
            }
        }
    }

    public InfraSettingsException Invalid(string name, string problem) => new($"{Path}.{name}: {problem}.");

    private JsonNode? Value(string name)
    {
        _read.Add(name);
        return _node[name];
    }

    // Context passed through the CDK CLI may arrive as 1.0 rather than 1.
    private static bool TryWhole(JsonValue value, out int number)
    {
        if (value.TryGetValue(out number))
        {
            return true;
        }

        var d = value.GetValue<double>();
        var whole = d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue;
        number = whole ? (int)d : 0;
        return whole;
    }
}
