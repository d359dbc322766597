using System.Text.Json;
using Serverless.Schemas.Evaluation;
using Serverless.Schemas.Keywords;

namespace Serverless.Schemas.Compilation;

/// <summary>
/// Resolves <c>$ref</c> values to locations in the same document: "#" and JSON pointers "#/$defs/a" (with ~0 ~1
/// escapes and %-encoding), also when prefixed by the root's own <c>$id</c>. Anything else (another document, an
/// anchor) is reported as unsupported rather than silently ignored.
/// </summary>
internal sealed class ReferenceResolver(JsonElement root, List<SchemaError> errors)
{
    private readonly string? _rootId = root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!.TrimEnd('#')
            : null;

    public (JsonElement Element, string Pointer)? Resolve(RefKeyword reference)
    {
        var value = reference.Reference;
        string fragment;
        if (value.StartsWith('#'))
        {
            fragment = value[1..];
        }
        else if (_rootId is { Length: > 0 } rootId && value.StartsWith(rootId, StringComparison.Ordinal)
                 && (value.Length == rootId.Length || value[rootId.Length] == '#'))
        {
            fragment = value.Length == rootId.Length ? string.Empty : value[(rootId.Length + 1)..];
        }
        else
        {
            return Fail(reference, $"remote $ref '{value}' is not supported: only references inside this schema (such as #/$defs/name) are");
        }

        fragment = Uri.UnescapeDataString(fragment);
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            return Fail(reference, $"$ref '{value}' names an anchor; only JSON pointer references (such as #/$defs/name) are supported");
        }

        var element = root;
        var pointer = string.Empty;
        foreach (var rawToken in fragment.Length == 0 ? [] : fragment[1..].Split('/'))
        {
            var token = JsonPointer.Unescape(rawToken);
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(token, out var child))
            {
                element = child;
                pointer = JsonPointer.Append(pointer, token);
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                     && index < element.GetArrayLength())
            {
                element = element[index];
                pointer = JsonPointer.Append(pointer, index);
            }
            else
            {
                return Fail(reference, $"$ref '{value}' does not resolve: the schema has nothing at '{(pointer.Length == 0 ? "/" : pointer)}' named '{token}'");
            }
        }

        return (element, pointer);
    }

    private (JsonElement, string)? Fail(RefKeyword reference, string message)
    {
        errors.Add(new SchemaError(reference.Location, message));
        return null;
    }
}
