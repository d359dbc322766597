using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Serverless.Batch.Results;
using Serverless.Conversations.Storage.DynamoDb;
using Serverless.Infra.Tests.Support;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Infra.Tests.Resources;

public sealed class DataStoresTests(DefaultStack stack)
{
    private string TableId(string construct) => stack.View.OfType("AWS::DynamoDB::Table").Single(t => t.Id.StartsWith("Data" + construct, StringComparison.Ordinal)).Id;

    [Fact]
    public void The_quota_table_has_the_ledger_key_on_demand_billing_ttl_and_point_in_time_recovery()
    {
        var table = stack.View.Properties(TableId("QuotaTable"));

        Assert.Equal("PAY_PER_REQUEST", table["BillingMode"]!.GetValue<string>());
        Assert.Equal(QuotaTableDefinition.PartitionKeyAttribute, Assert.Single(table["KeySchema"]!.AsArray())!["AttributeName"]!.GetValue<string>());
        Assert.Equal(QuotaTableDefinition.TimeToLiveAttribute, table["TimeToLiveSpecification"]!["AttributeName"]!.GetValue<string>());
        Assert.True(table["TimeToLiveSpecification"]!["Enabled"]!.GetValue<bool>());
        Assert.True(table["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void The_conversation_table_has_a_numeric_sort_key_and_ttl()
    {
        stack.Value.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["KeySchema"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = ConversationTableDefinition.PartitionKeyAttribute, ["KeyType"] = "HASH" },
                new Dictionary<string, object> { ["AttributeName"] = ConversationTableDefinition.SortKeyAttribute, ["KeyType"] = "RANGE" },
            },
            ["AttributeDefinitions"] = Match.ArrayWith([new Dictionary<string, object> { ["AttributeName"] = ConversationTableDefinition.SortKeyAttribute, ["AttributeType"] = "N" }]),
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = ConversationTableDefinition.TimeToLiveAttribute, ["Enabled"] = true },
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["BillingMode"] = "PAY_PER_REQUEST",
        }));
    }

    [Fact]
    public void The_results_table_is_keyed_by_batch_and_record()
    {
        var table = stack.View.Properties(TableId("ResultsTable"));

        Assert.Equal(
            [$"{ResultsTableDefinition.PartitionKeyAttribute}:HASH", $"{ResultsTableDefinition.SortKeyAttribute}:RANGE"],
            table["KeySchema"]!.AsArray().Select(k => $"{k!["AttributeName"]}:{k["KeyType"]}"));
        Assert.Equal("PAY_PER_REQUEST", table["BillingMode"]!.GetValue<string>());
        Assert.True(table["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void The_bucket_is_encrypted_and_blocks_public_access()
    {
        stack.Value.Template.HasResourceProperties("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
        {
            ["BucketEncryption"] = new Dictionary<string, object>
            {
                ["ServerSideEncryptionConfiguration"] = new object[]
                {
                    new Dictionary<string, object> { ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "AES256" } },
                },
            },
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true,
                ["BlockPublicPolicy"] = true,
                ["IgnorePublicAcls"] = true,
                ["RestrictPublicBuckets"] = true,
            },
            ["OwnershipControls"] = new Dictionary<string, object>
            {
                ["Rules"] = new object[] { new Dictionary<string, object> { ["ObjectOwnership"] = "BucketOwnerEnforced" } },
            },
        }));
    }

    [Fact]
    public void The_bucket_policy_denies_every_request_without_tls_or_below_tls_1_2()
    {
        var denies = stack.View.Statements().Where(s => s.OwnerType == "AWS::S3::BucketPolicy").ToList();

        Assert.Equal(2, denies.Count);
        Assert.All(denies, d =>
        {
            Assert.Equal("Deny", d.Effect);
            Assert.Equal(["s3:*"], d.Actions);
            Assert.Equal("*", d.Raw["Principal"]!["AWS"]!.GetValue<string>());
        });
        Assert.Contains(denies, d => d.ConditionValue("Bool", "aws:SecureTransport") == "false");
        Assert.Contains(denies, d => d.ConditionValue("NumericLessThan", "s3:TlsVersion") == "1.2");
    }

    [Fact]
    public void Old_job_files_and_async_outputs_expire_and_incomplete_uploads_are_aborted()
    {
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Resource["Properties"]!;
        var rules = bucket["LifecycleConfiguration"]!["Rules"]!.AsArray().ToDictionary(r => r!["Id"]!.GetValue<string>(), r => r!.AsObject());

        Assert.Equal("batch/", rules["ExpireBatchFiles"]["Prefix"]!.GetValue<string>());
        Assert.Equal(30, rules["ExpireBatchFiles"]["ExpirationInDays"]!.GetValue<int>());
        Assert.Equal("async/", rules["ExpireAsyncOutputs"]["Prefix"]!.GetValue<string>());
        Assert.Equal(7, rules["AbortIncompleteUploads"]["AbortIncompleteMultipartUpload"]!["DaysAfterInitiation"]!.GetValue<int>());
        Assert.All(rules.Values, r => Assert.Equal("Enabled", r["Status"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(true, "Retain")]
    [InlineData(false, "Delete")]
    public void Data_is_retained_on_stack_deletion_unless_the_environment_says_otherwise(bool retain, string policy)
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["environments"]![InfraContext.Environment]!["retainData"] = retain));

        var data = synthesized.View.OfType("AWS::DynamoDB::Table").Concat(synthesized.View.OfType("AWS::S3::Bucket")).ToList();
        Assert.Equal(4, data.Count);
        Assert.All(data, d => Assert.Equal(policy, d.Resource["DeletionPolicy"]!.GetValue<string>()));
    }

    [Fact]
    public void The_expiry_days_come_from_the_settings()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c =>
        {
            c["batchFilesRetentionDays"] = 7;
            c["asyncOutputRetentionDays"] = 3;
        }));

        var rules = synthesized.View.OfType("AWS::S3::Bucket").Single().Resource["Properties"]!["LifecycleConfiguration"]!["Rules"]!.AsArray();
        Assert.Equal(7, rules.Single(r => r!["Id"]!.GetValue<string>() == "ExpireBatchFiles")!["ExpirationInDays"]!.GetValue<int>());
        Assert.Equal(3, rules.Single(r => r!["Id"]!.GetValue<string>() == "ExpireAsyncOutputs")!["ExpirationInDays"]!.GetValue<int>());
    }
}
