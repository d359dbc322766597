using Serverless.Conversations.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Conversations.Tests.Stores;

/// <summary>
/// A fresh conversation table per test class, shaped by <see cref="ConversationTableDefinition"/>. TTL stays off here:
/// the tests' clock is simulated, and DynamoDB Local deletes items whose TTL passed by the REAL clock, which would make
/// turns vanish mid-test. The store's own expiry filtering (what callers see) is what the contract tests check;
/// <see cref="ConversationTableDefinitionTests"/> checks the TTL setting on a table of its own.
/// </summary>
public sealed class ConversationTableFixture(DynamoDbLocalFixture dynamo) : IAsyncLifetime
{
    private string? _tableName;

    public DynamoDbLocalFixture Dynamo => dynamo;

    public string TableName => _tableName ?? throw new InvalidOperationException("The table is not created yet.");

    public async ValueTask InitializeAsync()
        => _tableName = await dynamo.CreateTableAsync("conversations", ConversationTableDefinition.CreateTableRequest, CancellationToken.None);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
