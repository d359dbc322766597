using System.Globalization;
using System.Text.Json;

namespace Serverless.Schemas.Evaluation;

/// <summary>
/// JSON numbers compared by mathematical value: exactly as decimals when both sides fit (so 0.1 + 0.2 style binary
/// rounding never decides a bound or a multipleOf), as doubles otherwise (beyond ±7.9e28).
/// </summary>
internal readonly record struct JsonNumber(decimal? Exact, double Approximate, JsonElement Source)
{
    public static JsonNumber From(JsonElement element)
    {
        decimal? exact = element.TryGetDecimal(out var d) ? d : null;
        // TryGetDouble refuses numbers beyond double's range; parsing the text gives ±infinity for them instead.
        var approximate = element.TryGetDouble(out var binary) ? binary : double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return new JsonNumber(exact, approximate, element);
    }

    public static int Compare(JsonNumber a, JsonNumber b)
        => a.Exact is { } x && b.Exact is { } y ? x.CompareTo(y) : a.Approximate.CompareTo(b.Approximate);

    public bool IsInteger => Exact is { } d ? d == decimal.Truncate(d) : double.IsFinite(Approximate) && Math.Floor(Approximate) == Approximate;

    public bool IsMultipleOf(JsonNumber divisor)
    {
        if (Exact is { } x && divisor.Exact is { } y)
        {
            try
            {
                return x % y == 0;
            }
            catch (OverflowException)
            {
                // Falls through to the binary check.
            }
        }

        var quotient = Approximate / divisor.Approximate;
        return double.IsFinite(quotient) && Math.Abs(quotient - Math.Round(quotient)) <= 1e-9 * Math.Max(1, Math.Abs(quotient));
    }

    /// <summary>The number as written (messages quote the schema's and the instance's own spelling).</summary>
    public override string ToString() => Source.GetRawText();
}
