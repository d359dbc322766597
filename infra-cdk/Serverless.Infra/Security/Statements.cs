using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;

namespace Serverless.Infra.Security;

/// <summary>
/// Policy statements with exact action names. CDK's grant helpers (grantReadWriteData, grantRead, ...) emit
/// wildcard actions such as <c>dynamodb:BatchGet*</c> and <c>s3:GetObject*</c>; the stack allows no wildcard action,
/// so every statement is written out here.
/// </summary>
public static class Statements
{
    public static PolicyStatement Allow(string[] actions, params string[] resources) => new(new PolicyStatementProps
    {
        Effect = Effect.ALLOW,
        Actions = actions,
        Resources = resources,
    });

    /// <summary>Item actions on one table (no index: the tables have none).</summary>
    public static PolicyStatement Table(ITable table, params string[] actions) => Allow(actions, table.TableArn);

    /// <summary>Object actions on keys under the given prefixes (or key patterns) of the bucket only.</summary>
    public static PolicyStatement Objects(IBucket bucket, string[] actions, params string[] keyPatterns) =>
        Allow(actions, keyPatterns.Select(pattern => bucket.ArnForObjects(pattern.EndsWith('/') ? pattern + "*" : pattern)).ToArray());

    /// <summary>ListBucket limited to keys under the prefixes (the s3:prefix condition).</summary>
    public static PolicyStatement List(IBucket bucket, params string[] prefixes) => new(new PolicyStatementProps
    {
        Effect = Effect.ALLOW,
        Actions = [S3Actions.ListBucket],
        Resources = [bucket.BucketArn],
        Conditions = new Dictionary<string, object>
        {
            ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = prefixes.Select(p => p + "*").ToArray() },
        },
    });
}
