using System.Text.Json;
using Serverless.Schemas.Evaluation;
using Serverless.Schemas.Keywords;

namespace Serverless.Schemas.Compilation;

/// <summary>
/// A compiled schema (sub)document: a boolean schema, or the keywords of a schema object. Created before its
/// keywords are filled in so a $ref can point at it while it compiles (recursive schemas).
/// </summary>
internal sealed class SchemaNode(string location)
{
    private Keyword[] _keywords = [];
    private bool? _boolean;

    /// <summary>The JSON pointer of this schema in the document ("" for the root).</summary>
    public string Location { get; } = location;

    /// <summary>The <c>false</c> schema: nothing is valid against it.</summary>
    public bool IsFalse => _boolean == false;

    public void SetBoolean(bool value) => _boolean = value;

    public void SetKeywords(Keyword[] keywords) => _keywords = keywords;

    public bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (_boolean is { } boolean)
        {
            if (!boolean)
            {
                sink?.Add(path, Location, "no value is allowed here (the schema is false)");
            }

            return boolean;
        }

        var valid = true;
        foreach (var keyword in _keywords)
        {
            if (!keyword.Evaluate(instance, path, context, sink))
            {
                valid = false;
                if (sink is not { Full: false })
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
