using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Schemas.Compilation;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary>
/// properties, patternProperties and additionalProperties together, because additionalProperties applies to exactly
/// the properties the other two did not name or match: one pass over the instance's properties.
/// </summary>
internal sealed class ObjectShapeKeyword(
    string location,
    IReadOnlyDictionary<string, SchemaNode> properties,
    IReadOnlyList<(Regex Pattern, SchemaNode Schema)> patternProperties,
    SchemaNode? additionalProperties) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var covered = false;
            if (properties.TryGetValue(property.Name, out var schema))
            {
                covered = true;
                if (!schema.Evaluate(property.Value, path.Property(property.Name), context, sink))
                {
                    valid = false;
                    if (!KeepGoing(sink))
                    {
                        return false;
                    }
                }
            }

            foreach (var (pattern, patternSchema) in patternProperties)
            {
                if (!PatternMatch.IsMatch(pattern, property.Name, out _))
                {
                    continue;
                }

                covered = true;
                if (!patternSchema.Evaluate(property.Value, path.Property(property.Name), context, sink))
                {
                    valid = false;
                    if (!KeepGoing(sink))
                    {
                        return false;
                    }
                }
            }

            if (covered || additionalProperties is null || EvaluateAdditional(property, path, context, sink))
            {
                continue;
            }

            valid = false;
            if (!KeepGoing(sink))
            {
                return false;
            }
        }

        return valid;
    }

    private bool EvaluateAdditional(JsonProperty property, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (additionalProperties!.IsFalse)
        {
            var allowed = properties.Count == 0 ? string.Empty : $"; allowed: {string.Join(", ", properties.Keys.Take(20).Select(JsonText.Quote))}";
            return Fail(sink, path, $"property {JsonText.Quote(property.Name)} is not allowed{allowed}");
        }

        return additionalProperties.Evaluate(property.Value, path.Property(property.Name), context, sink);
    }
}
