using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Schemas.Evaluation;
using Serverless.Schemas.Keywords;

namespace Serverless.Schemas.Compilation;

/// <summary>
/// Compiles a schema document into <see cref="SchemaNode"/>s, one per schema location, checking each keyword's value
/// as it goes and recording every problem with its keyword path. Subschemas are compiled from a queue (not by
/// recursion), and $refs are resolved at the end, so deep and recursive schemas compile without stack growth.
/// Regexes are compiled once per distinct pattern and shared by this schema's keywords only.
/// </summary>
internal sealed class SchemaCompiler(JsonElement root, JsonSchemaOptions options)
{
    private readonly Dictionary<string, SchemaNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> _regexes = new(StringComparer.Ordinal);
    private readonly Queue<(SchemaNode Node, JsonElement Element)> _pending = new();
    private readonly List<RefKeyword> _references = [];
    private readonly List<SchemaError> _errors = [];

    public IReadOnlyList<SchemaError> Errors => _errors;

    public SchemaNode Compile()
    {
        var node = Subschema(root, string.Empty);
        Drain();
        var references = new ReferenceResolver(root, _errors);
        for (var i = 0; i < _references.Count; i++)
        {
            if (references.Resolve(_references[i]) is { } target)
            {
                _references[i].Target = Subschema(target.Element, target.Pointer);
                Drain();
            }
        }

        return node;
    }

    /// <summary>The node for the schema at <paramref name="pointer"/>, compiled later from the queue (once per location).</summary>
    internal SchemaNode Subschema(JsonElement element, string pointer)
    {
        if (_nodes.TryGetValue(pointer, out var existing))
        {
            return existing;
        }

        var node = new SchemaNode(pointer);
        _nodes[pointer] = node;
        _pending.Enqueue((node, element));
        return node;
    }

    internal void Error(string path, string message) => _errors.Add(new SchemaError(path, message));

    internal void AddReference(RefKeyword reference) => _references.Add(reference);

    /// <summary>The compiled regex for <paramref name="pattern"/>, or null (with an error at <paramref name="path"/>) when it does not compile.</summary>
    internal Regex? Regex(string pattern, string path)
    {
        if (_regexes.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        try
        {
            // Interpreted, not RegexOptions.Compiled: Compiled needs dynamic code, which an AOT build lacks.
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, options.RegexTimeout);
            _regexes[pattern] = regex;
            return regex;
        }
        catch (ArgumentException e)
        {
            Error(path, $"is not a valid regular expression ({e.Message})");
            return null;
        }
    }

    internal JsonSchemaOptions Options => options;

    private void Drain()
    {
        while (_pending.TryDequeue(out var next))
        {
            switch (next.Element.ValueKind)
            {
                case JsonValueKind.True:
                    next.Node.SetBoolean(true);
                    break;
                case JsonValueKind.False:
                    next.Node.SetBoolean(false);
                    break;
                case JsonValueKind.Object:
                    next.Node.SetKeywords(new KeywordCompiler(this, next.Element, next.Node.Location).Compile());
                    break;
                default:
                    Error(next.Node.Location, $"must be a schema (an object or a boolean), was {JsonText.TypeOf(next.Element)}");
                    next.Node.SetBoolean(false);
                    break;
            }
        }
    }
}
