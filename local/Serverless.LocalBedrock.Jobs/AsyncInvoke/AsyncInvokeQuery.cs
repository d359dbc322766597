namespace Serverless.LocalBedrock.Jobs.AsyncInvoke;

/// <summary>ListAsyncInvokes' query-string filters; null means "not given".</summary>
public sealed record AsyncInvokeQuery
{
    public DateTimeOffset? SubmitTimeAfter { get; init; }

    public DateTimeOffset? SubmitTimeBefore { get; init; }

    public string? StatusEquals { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
}
