namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>ListModelInvocationJobs' query-string filters; null means "not given".</summary>
public sealed record ModelInvocationJobQuery
{
    public DateTimeOffset? SubmitTimeAfter { get; init; }

    public DateTimeOffset? SubmitTimeBefore { get; init; }

    public string? StatusEquals { get; init; }

    public string? NameContains { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
}
