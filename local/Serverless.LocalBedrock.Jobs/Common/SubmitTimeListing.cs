namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>
/// What ListModelInvocationJobs and ListAsyncInvokes share: their common query members are checked the same way,
/// and both list by submit time, filtered by status and a submit-time range, then paged.
/// </summary>
internal static class SubmitTimeListing
{
    private static readonly string[] SortOrders = ["Ascending", "Descending"];

    /// <summary>Checks statusEquals, sortBy, sortOrder and maxResults; returns the page size (default 1000).</summary>
    public static int Validate(string? statusEquals, IReadOnlyCollection<string> statuses, string? sortBy, string sortField, string? sortOrder, int? maxResults)
    {
        if (statusEquals is not null)
        {
            MemberRules.OneOf(statusEquals, "statusEquals", statuses);
        }

        if (sortBy is not null)
        {
            MemberRules.OneOf(sortBy, "sortBy", [sortField]);
        }

        if (sortOrder is not null)
        {
            MemberRules.OneOf(sortOrder, "sortOrder", SortOrders);
        }

        var pageSize = maxResults ?? 1000;
        MemberRules.Range(pageSize, "maxResults", 1, 1000);
        return pageSize;
    }

    /// <summary>
    /// Filters <paramref name="inCreationOrder"/> by status and submit-time range, sorts by submit time (descending by
    /// default, as Bedrock does) and slices one page. Stable: items submitted at the same instant keep creation order.
    /// </summary>
    public static (List<T> Page, string? NextToken) Page<T>(
        IReadOnlyList<T> inCreationOrder,
        Func<T, string> status,
        Func<T, DateTimeOffset> submitTime,
        string? statusEquals,
        DateTimeOffset? submitTimeAfter,
        DateTimeOffset? submitTimeBefore,
        string? sortOrder,
        string? nextToken,
        int pageSize)
    {
        var matches = inCreationOrder
            .Where(d => statusEquals is null || status(d) == statusEquals)
            .Where(d => submitTimeAfter is null || submitTime(d) > submitTimeAfter)
            .Where(d => submitTimeBefore is null || submitTime(d) < submitTimeBefore)
            .ToList();
        var ordered = sortOrder == "Ascending"
            ? matches.OrderBy(submitTime).ToList()
            : matches.AsEnumerable().Reverse().OrderByDescending(submitTime).ToList();
        return PageToken.Slice(ordered, nextToken, pageSize);
    }
}
