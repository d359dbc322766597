using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.S3;
using Constructs;
using Serverless.Batch.Results;
using Serverless.Conversations.Storage.DynamoDb;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Infra.Resources;

/// <summary>
/// The three tables (quota ledger, conversations, batch results; on demand, point-in-time recovery) and the bucket
/// for batch input/output and async outputs (SSE-S3, public access blocked, TLS 1.2+ only, old job files expire).
/// Names are left to CloudFormation: the functions get them from their environment.
/// </summary>
public sealed class DataStores : Construct
{
    public DataStores(Construct scope, string id, InfraSettings settings) : base(scope, id)
    {
        var removal = settings.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        QuotaTable = NewTable("QuotaTable", QuotaTableDefinition.CreateTableRequest("quota"), QuotaTableDefinition.TimeToLiveAttribute, removal);
        ConversationTable = NewTable(
            "ConversationTable", ConversationTableDefinition.CreateTableRequest("conversations"), ConversationTableDefinition.TimeToLiveAttribute, removal);
        ResultsTable = NewTable("ResultsTable", ResultsTableDefinition.CreateTableRequest("results"), timeToLiveAttribute: null, removal);

        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            MinimumTLSVersion = 1.2,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = false,
            RemovalPolicy = removal,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Id = "ExpireBatchFiles",
                    Prefix = BucketLayout.Batch,
                    Expiration = Duration.Days(settings.BatchFilesRetentionDays),
                },
                new LifecycleRule
                {
                    Id = "ExpireAsyncOutputs",
                    Prefix = BucketLayout.AsyncOutput,
                    Expiration = Duration.Days(settings.AsyncOutputRetentionDays),
                },
                new LifecycleRule
                {
                    Id = "AbortIncompleteUploads",
                    AbortIncompleteMultipartUploadAfter = Duration.Days(7),
                },
            ],
        });
    }

    public Table QuotaTable { get; }

    public Table ConversationTable { get; }

    public Table ResultsTable { get; }

    public Bucket Bucket { get; }

    /// <summary>s3://{bucket}/{prefix} as the functions expect a prefix URI.</summary>
    public string S3Uri(string prefix) => $"s3://{Bucket.BucketName}/{prefix}";

    private Table NewTable(string id, Amazon.DynamoDBv2.Model.CreateTableRequest definition, string? timeToLiveAttribute, RemovalPolicy removal)
    {
        var shape = TableShape.From(definition, timeToLiveAttribute);
        return new Table(this, id, new TableProps
        {
            PartitionKey = shape.PartitionKey,
            SortKey = shape.SortKey,
            BillingMode = shape.BillingMode,
            TimeToLiveAttribute = shape.TimeToLiveAttribute,
            PointInTimeRecovery = true,
            RemovalPolicy = removal,
        });
    }
}
