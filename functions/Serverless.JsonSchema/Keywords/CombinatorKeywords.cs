using System.Text.Json;
using Serverless.Schemas.Compilation;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary><c>allOf</c>: every subschema; their own errors are reported.</summary>
internal sealed class AllOfKeyword(string location, IReadOnlyList<SchemaNode> schemas) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        var valid = true;
        foreach (var schema in schemas)
        {
            if (!schema.Evaluate(instance, path, context, sink))
            {
                valid = false;
                if (!KeepGoing(sink))
                {
                    return false;
                }
            }
        }

        return valid;
    }
}

/// <summary><c>anyOf</c>: at least one subschema; on failure, one line naming each alternative's first problem.</summary>
internal sealed class AnyOfKeyword(string location, IReadOnlyList<SchemaNode> schemas) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        foreach (var schema in schemas)
        {
            if (schema.Evaluate(instance, path, context, sink: null))
            {
                return true;
            }
        }

        return sink is null || Fail(sink, path, $"matches none of the anyOf alternatives ({Alternatives.FirstProblems(schemas, instance, path, context)})");
    }
}

/// <summary><c>oneOf</c>: exactly one subschema.</summary>
internal sealed class OneOfKeyword(string location, IReadOnlyList<SchemaNode> schemas) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        var matched = new List<int>();
        for (var i = 0; i < schemas.Count; i++)
        {
            if (schemas[i].Evaluate(instance, path, context, sink: null))
            {
                matched.Add(i + 1);
            }
        }

        return matched.Count switch
        {
            1 => true,
            0 => sink is null || Fail(sink, path, $"matches none of the oneOf alternatives ({Alternatives.FirstProblems(schemas, instance, path, context)})"),
            _ => Fail(sink, path, $"matches {matched.Count} of the oneOf alternatives ({string.Join(", ", matched)}); it must match exactly one"),
        };
    }
}

/// <summary><c>not</c>: the subschema must fail.</summary>
internal sealed class NotKeyword(string location, SchemaNode schema) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
        => !schema.Evaluate(instance, path, context, sink: null) || Fail(sink, path, "must not match the schema in \"not\"");
}

/// <summary>if / then / else: the outcome of <c>if</c> (never reported itself) selects which branch must hold.</summary>
internal sealed class ConditionalKeyword(string location, SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        var branch = condition.Evaluate(instance, path, context, sink: null) ? then : otherwise;
        return branch is null || branch.Evaluate(instance, path, context, sink);
    }
}

/// <summary>Describes why each alternative failed: its first error, for a reader to pick the one meant.</summary>
internal static class Alternatives
{
    private const int MaxShown = 5;

    public static string FirstProblems(IReadOnlyList<SchemaNode> schemas, JsonElement instance, InstancePath path, EvaluationContext context)
    {
        var problems = new List<string>();
        for (var i = 0; i < Math.Min(schemas.Count, MaxShown); i++)
        {
            var first = new ErrorSink(1);
            schemas[i].Evaluate(instance, path, context, first);
            problems.Add($"{i + 1}: {(first.Errors.Count > 0 ? first.Errors[0].Message : "fails")}");
        }

        var more = schemas.Count > MaxShown ? $"; and {schemas.Count - MaxShown} more" : string.Empty;
        return string.Join("; ", problems) + more;
    }
}
