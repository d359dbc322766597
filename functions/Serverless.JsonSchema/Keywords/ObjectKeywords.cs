using System.Text.Json;
using Serverless.Schemas.Compilation;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary><c>required</c>: each named property is present (one error per missing property).</summary>
internal sealed class RequiredKeyword(string location, IReadOnlyList<string> names) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var name in names)
        {
            if (!instance.TryGetProperty(name, out _))
            {
                valid = Fail(sink, path, $"missing required property {JsonText.Quote(name)}");
                if (!KeepGoing(sink))
                {
                    return false;
                }
            }
        }

        return valid;
    }
}

/// <summary>minProperties / maxProperties.</summary>
internal sealed class PropertyCountKeyword(string location, bool isMinimum, long limit) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var count = 0;
        foreach (var unused in instance.EnumerateObject())
        {
            count++;
        }

        return isMinimum
            ? count >= limit || Fail(sink, path, $"has {count} properties; at least {limit} required")
            : count <= limit || Fail(sink, path, $"has {count} properties; at most {limit} allowed");
    }
}

/// <summary><c>dependentRequired</c>: when a property is present, the listed others must be too.</summary>
internal sealed class DependentRequiredKeyword(string location, IReadOnlyList<(string Property, IReadOnlyList<string> Required)> dependencies) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (property, required) in dependencies)
        {
            if (!instance.TryGetProperty(property, out _))
            {
                continue;
            }

            foreach (var name in required)
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    valid = Fail(sink, path, $"property {JsonText.Quote(name)} is required when {JsonText.Quote(property)} is present");
                    if (!KeepGoing(sink))
                    {
                        return false;
                    }
                }
            }
        }

        return valid;
    }
}

/// <summary><c>dependentSchemas</c>: when a property is present, the whole object must also match a schema.</summary>
internal sealed class DependentSchemasKeyword(string location, IReadOnlyList<(string Property, SchemaNode Schema)> dependencies) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (property, schema) in dependencies)
        {
            if (instance.TryGetProperty(property, out _) && !schema.Evaluate(instance, path, context, sink))
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

/// <summary><c>propertyNames</c>: every property name, as a string, matches the schema.</summary>
internal sealed class PropertyNamesKeyword(string location, SchemaNode schema) : Keyword(location)
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
            using var name = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(property.Name, SchemaJsonContext.Default.String));
            if (!schema.Evaluate(name.RootElement, path, context, sink: null))
            {
                valid = Fail(sink, path, $"property name {JsonText.Quote(property.Name)} does not match the propertyNames schema");
                if (!KeepGoing(sink))
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
