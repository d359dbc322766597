namespace Serverless.Infra.Security;

/// <summary>The DynamoDB actions the stores call (the AWS SDK operations in functions/, nothing more).</summary>
public static class DynamoDbActions
{
    public const string GetItem = "dynamodb:GetItem";
    public const string PutItem = "dynamodb:PutItem";
    public const string UpdateItem = "dynamodb:UpdateItem";
    public const string DeleteItem = "dynamodb:DeleteItem";
    public const string Query = "dynamodb:Query";
    public const string BatchWriteItem = "dynamodb:BatchWriteItem";

    /// <summary>DynamoDbQuotaStore: conditional PutItem / UpdateItem, GetItem for status.</summary>
    public static readonly string[] QuotaLedger = [GetItem, PutItem, UpdateItem];

    /// <summary>
    /// DynamoDbConversationStore: Query to load, PutItem or TransactWriteItems of Puts to append (a transaction is
    /// authorized by the actions of its parts).
    /// </summary>
    public static readonly string[] Conversations = [Query, PutItem];
}

public static class S3Actions
{
    public const string GetObject = "s3:GetObject";
    public const string PutObject = "s3:PutObject";
    public const string ListBucket = "s3:ListBucket";
}

public static class BedrockActions
{
    /// <summary>InvokeModel, Converse, and StartAsyncInvoke ("This operation requires permission for the bedrock:InvokeModel action").</summary>
    public const string InvokeModel = "bedrock:InvokeModel";

    /// <summary>InvokeModelWithResponseStream and ConverseStream.</summary>
    public const string InvokeModelWithResponseStream = "bedrock:InvokeModelWithResponseStream";

    public const string CountTokens = "bedrock:CountTokens";
    public const string GetAsyncInvoke = "bedrock:GetAsyncInvoke";
    public const string ApplyGuardrail = "bedrock:ApplyGuardrail";
    public const string CreateModelInvocationJob = "bedrock:CreateModelInvocationJob";
    public const string GetModelInvocationJob = "bedrock:GetModelInvocationJob";
    public const string StopModelInvocationJob = "bedrock:StopModelInvocationJob";
}
