using System.Text.Json;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary><c>type</c>: one name or a list. "integer" accepts any number without a fraction (1.0 too); "number" accepts integers.</summary>
internal sealed class TypeKeyword(string location, IReadOnlyList<string> types) : Keyword(location)
{
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "null", "boolean", "object", "array", "number", "integer", "string",
    };

    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        foreach (var type in types)
        {
            if (Matches(type, instance))
            {
                return true;
            }
        }

        var expected = types.Count == 1 ? types[0] : $"one of [{string.Join(", ", types)}]";
        var actual = JsonText.TypeOf(instance);
        var shown = instance.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null ? actual : $"{actual} {JsonText.Show(instance)}";
        return Fail(sink, path, $"expected {expected}, got {shown}");
    }

    private static bool Matches(string type, JsonElement instance) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && JsonNumber.From(instance).IsInteger,
        _ => false,
    };
}
