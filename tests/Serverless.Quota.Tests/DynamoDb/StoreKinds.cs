using Serverless.Quota.Storage;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// The stores every store-level theory runs against. The DynamoDB store returns the item with every write here, as the
/// in-memory store does, so the theories can compare what comes back (the ledger's contract suite runs it without).
/// </summary>
internal static class StoreKinds
{
    public const string InMemory = "memory";
    public const string DynamoDb = "dynamodb";

    public static readonly string[] All = [InMemory, DynamoDb];

    public static IQuotaStore Create(string kind, LedgerTableFixture table) => kind switch
    {
        InMemory => new InMemoryQuotaStore(),
        DynamoDb => LedgerTable.Store(table.Dynamo.Client, table.TableName, returnItemOnSuccess: true),
        _ => throw new ArgumentException($"Unknown store kind '{kind}'.", nameof(kind)),
    };
}
