namespace Serverless.Functions.Metrics;

/// <summary>
/// The batch workflow's EMF metrics (no dimension), written when a run is summarized. The CDK app's dashboard reads
/// the same names (infra-cdk/Serverless.Infra/Contracts/EmfMetrics.cs): a rename must change both.
/// </summary>
public static class BatchMetricNames
{
    public const string RecordsSucceeded = "BatchRecordsSucceeded";

    public const string RecordsFailed = "BatchRecordsFailed";
}
