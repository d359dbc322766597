using System.Text.RegularExpressions;

namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>Checks a request member against its Smithy constraints (required, length, pattern, range) and names it when it fails.</summary>
internal static class MemberRules
{
    public static string Required(string? value, string member)
        => value ?? throw JobsApiException.Constraint(member, null, "Member must not be null");

    public static T Required<T>(T? value, string member)
        where T : class
        => value ?? throw JobsApiException.Constraint(member, null, "Member must not be null");

    public static void Length(string value, string member, int min, int max)
    {
        if (value.Length < min)
        {
            throw JobsApiException.Constraint(member, value, $"Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw JobsApiException.Constraint(member, value, $"Member must have length less than or equal to {max}");
        }
    }

    public static void Pattern(string value, string member, Regex pattern)
    {
        if (!pattern.IsMatch(value))
        {
            throw JobsApiException.Constraint(member, value, "Member must satisfy regular expression pattern: " + UnanchoredText(pattern));
        }
    }

    public static void Range(int value, string member, int min, int max)
    {
        if (value < min)
        {
            throw JobsApiException.Constraint(member, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {min}");
        }

        if (value > max)
        {
            throw JobsApiException.Constraint(member, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value less than or equal to {max}");
        }
    }

    public static void OneOf(string value, string member, IReadOnlyCollection<string> allowed)
    {
        if (!allowed.Contains(value))
        {
            throw JobsApiException.Constraint(member, value, "Member must satisfy enum value set: [" + string.Join(", ", allowed) + "]");
        }
    }

    // The model's patterns are unanchored; we anchor them with ^(?:...)$ and show the model's text in messages.
    private static string UnanchoredText(Regex pattern)
    {
        var text = pattern.ToString();
        return text.StartsWith("^(?:", StringComparison.Ordinal) && text.EndsWith(")$", StringComparison.Ordinal) ? text[4..^2] : text;
    }
}
