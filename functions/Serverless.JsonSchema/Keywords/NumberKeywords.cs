using System.Text.Json;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary>minimum, maximum, exclusiveMinimum, exclusiveMaximum: numbers only; other types pass.</summary>
internal sealed class NumberBoundKeyword(string location, NumberBoundKeyword.Kind kind, JsonNumber bound) : Keyword(location)
{
    public enum Kind
    {
        Minimum,
        Maximum,
        ExclusiveMinimum,
        ExclusiveMaximum,
    }

    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var value = JsonNumber.From(instance);
        var comparison = JsonNumber.Compare(value, bound);
        return kind switch
        {
            Kind.Minimum => comparison >= 0 || Fail(sink, path, $"{value} is less than the minimum {bound}"),
            Kind.Maximum => comparison <= 0 || Fail(sink, path, $"{value} is greater than the maximum {bound}"),
            Kind.ExclusiveMinimum => comparison > 0 || Fail(sink, path, $"{value} must be greater than {bound} (exclusiveMinimum)"),
            _ => comparison < 0 || Fail(sink, path, $"{value} must be less than {bound} (exclusiveMaximum)"),
        };
    }
}

/// <summary><c>multipleOf</c>: the number divided by the divisor is an integer (decimal arithmetic, so 0.3 is a multiple of 0.1).</summary>
internal sealed class MultipleOfKeyword(string location, JsonNumber divisor) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var value = JsonNumber.From(instance);
        return value.IsMultipleOf(divisor) || Fail(sink, path, $"{value} is not a multiple of {divisor}");
    }
}
