using System.Text.Json;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary><c>enum</c>: the instance equals one of the listed values (JSON equality: 1 equals 1.0).</summary>
internal sealed class EnumKeyword(string location, IReadOnlyList<JsonElement> values) : Keyword(location)
{
    private const int MaxListed = 12;

    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        foreach (var value in values)
        {
            if (JsonEquality.AreEqual(instance, value))
            {
                return true;
            }
        }

        if (sink is null)
        {
            return false;
        }

        var listed = string.Join(", ", values.Take(MaxListed).Select(JsonText.Literal));
        var more = values.Count > MaxListed ? $", … ({values.Count} in all)" : string.Empty;
        return Fail(sink, path, $"{JsonText.Show(instance)} is not one of the allowed values [{listed}{more}]");
    }
}

/// <summary><c>const</c>: the instance equals the value.</summary>
internal sealed class ConstKeyword(string location, JsonElement value) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
        => JsonEquality.AreEqual(instance, value) || Fail(sink, path, $"must be exactly {JsonText.Literal(value)} (was {JsonText.Show(instance)})");
}
