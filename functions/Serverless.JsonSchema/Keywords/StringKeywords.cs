using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary>minLength / maxLength, counted in Unicode code points as the specification says (not UTF-16 units).</summary>
internal sealed class StringLengthKeyword(string location, bool isMinimum, long limit) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var length = JsonText.CodePoints(instance.GetString()!);
        return isMinimum
            ? length >= limit || Fail(sink, path, $"{JsonText.Show(instance)} is {length} characters long; at least {limit} required")
            : length <= limit || Fail(sink, path, $"{JsonText.Show(instance)} is {length} characters long; at most {limit} allowed");
    }
}

/// <summary><c>pattern</c>: the regex matches somewhere in the string (not anchored, as in ECMA-262).</summary>
internal sealed class PatternKeyword(string location, Regex regex) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        return PatternMatch.IsMatch(regex, instance.GetString()!, out var timedOut)
            || Fail(sink, path, timedOut
                ? $"matching the pattern {regex} took too long; the value is treated as not matching"
                : $"{JsonText.Show(instance)} does not match the pattern {regex}");
    }
}

/// <summary>A regex match under the schema's timeout: a pathological pattern fails the match instead of hanging the request.</summary>
internal static class PatternMatch
{
    public static bool IsMatch(Regex regex, string text, out bool timedOut)
    {
        try
        {
            timedOut = false;
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            return false;
        }
    }
}

/// <summary><c>format</c> as an assertion (only when <see cref="JsonSchemaOptions.AssertFormat"/> is on and the format is one it checks).</summary>
internal sealed class FormatKeyword(string location, string format, Func<string, bool> check) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
        => instance.ValueKind != JsonValueKind.String
           || check(instance.GetString()!)
           || Fail(sink, path, $"{JsonText.Show(instance)} is not a valid {format}");
}
