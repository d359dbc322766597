using System.Globalization;
using System.Text;

namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>Opaque nextToken values: the offset of the next item in the filtered, sorted listing.</summary>
internal static class PageToken
{
    private const string Prefix = "page:";

    public static string Encode(int offset)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static int Decode(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the validation error below.
        }

        throw JobsApiException.Validation($"The nextToken '{token}' is invalid: pass the nextToken of the previous response unchanged.");
    }

    /// <summary>One page of <paramref name="items"/> starting at the token's offset, and the token of the page after it.</summary>
    public static (List<T> Page, string? NextToken) Slice<T>(IReadOnlyList<T> items, string? nextToken, int maxResults)
    {
        var offset = Decode(nextToken);
        var page = items.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count < items.Count ? Encode(offset + page.Count) : null;
        return (page, next);
    }
}
