namespace Serverless.Functions.Configuration;

/// <summary>Where the quota ledger's items live.</summary>
public enum QuotaStoreKind
{
    /// <summary>Process memory: exact for one process only (local runs, tests).</summary>
    InMemory,

    /// <summary>A DynamoDB table shared by every instance (production; DynamoDB Local in tests).</summary>
    DynamoDb,
}

/// <summary>Where conversation history lives.</summary>
public enum ConversationStoreKind
{
    /// <summary>No memory: a request naming a conversationId is refused with 400.</summary>
    None,

    InMemory,

    DynamoDb,
}

/// <summary>Where deferred batches wait for the scheduled run.</summary>
public enum PendingBatchStoreKind
{
    /// <summary>Process memory: local runs and tests (a scheduled run in another process would not see them).</summary>
    InMemory,

    /// <summary>The batch results table (partition <c>#pending</c>), which the scheduled run claims from.</summary>
    DynamoDb,
}
