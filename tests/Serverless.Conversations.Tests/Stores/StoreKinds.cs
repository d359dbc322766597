using Serverless.Conversations.Storage;
using Serverless.Conversations.Storage.DynamoDb;

namespace Serverless.Conversations.Tests.Stores;

/// <summary>The stores every contract theory runs against.</summary>
internal static class StoreKinds
{
    public const string InMemory = "memory";
    public const string DynamoDb = "dynamodb";

    public static readonly TheoryData<string> All = [InMemory, DynamoDb];

    public static IConversationStore Create(string kind, ConversationTableFixture table, TimeProvider time, ConversationStoreOptions? options = null) => kind switch
    {
        InMemory => new InMemoryConversationStore(time, options),
        DynamoDb => new DynamoDbConversationStore(table.Dynamo.Client, table.TableName, time, options),
        _ => throw new ArgumentException($"Unknown store kind '{kind}'.", nameof(kind)),
    };
}
