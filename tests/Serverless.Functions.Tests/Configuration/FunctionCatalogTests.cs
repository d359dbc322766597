using System.Text;
using Serverless.Functions.Configuration;
using Serverless.Functions.Http;
using Serverless.Functions.Routing;
using Serverless.Quota;

namespace Serverless.Functions.Tests.Configuration;

public class FunctionCatalogTests
{
    private static FunctionsConfiguration Configuration() => new()
    {
        // Nothing listens here: any Bedrock call would fail.
        BedrockEndpoint = new Uri($"http://127.0.0.1:{Serverless.TestSupport.FreePort.Next()}/"),
        BedrockRegion = "us-east-1",
        Quota = new QuotaLedgerOptions { Models = new Dictionary<string, ModelQuota> { ["m.one-v1:0"] = new() { RequestsPerMinute = 10 } } },
        BatchInputPrefix = "s3://batch-work/api/",
        BatchStateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:bedrock-batch",
    };

    private static FunctionContext Context() => new() { RequestId = "r-1", Deadline = DateTimeOffset.UtcNow.AddMinutes(1) };

    [Fact]
    public void EveryFunctionIsBuiltOnceByNameWithItsKind()
    {
        using var catalog = new FunctionCatalog(Configuration());
        foreach (var route in FunctionRoutes.All)
        {
            if (route.Kind == FunctionKind.Streaming)
            {
                Assert.Same(catalog.Streaming(route.FunctionName), catalog.Streaming(route.FunctionName));
                Assert.Throws<ArgumentException>(() => catalog.Buffered(route.FunctionName));
            }
            else
            {
                Assert.Same(catalog.Buffered(route.FunctionName), catalog.Buffered(route.FunctionName));
                Assert.Throws<ArgumentException>(() => catalog.Streaming(route.FunctionName));
            }
        }

        Assert.Contains("embed", Assert.Throws<ArgumentException>(() => catalog.Buffered("embed")).Message);
    }

    [Fact]
    public void AnInvalidConfigurationFailsAtConstructionNamingTheSetting()
    {
        var configuration = Configuration();
        configuration.QuotaStore = QuotaStoreKind.DynamoDb;
        Assert.Contains("QuotaTableName", Assert.Throws<FunctionsConfigurationException>(() => new FunctionCatalog(configuration)).Message);
    }

    [Fact]
    public async Task TheQuotaFunctionNeedsNoBedrockAndBadInputNeverCallsIt()
    {
        using var catalog = new FunctionCatalog(Configuration());
        var status = await catalog.Buffered(FunctionNames.Quota).HandleAsync(
            new HttpApiRequest { RawPath = "/v1/quota/m.one-v1:0", RequestContext = new HttpApiRequestContext { Http = new HttpApiHttpDescription { Method = "GET" } } },
            Context(), TestContext.Current.CancellationToken);
        Assert.Equal(200, status.StatusCode);
        Assert.Contains("\"limit\":10", status.Body);

        // A function URL has no routing: the model comes from rawPath. The body is bad, so Bedrock is never called.
        var invoke = await catalog.Buffered(FunctionNames.Invoke).HandleAsync(
            new HttpApiRequest { RawPath = "/v1/invoke/m.one-v1:0", Body = "{oops", RequestContext = new HttpApiRequestContext { Http = new HttpApiHttpDescription { Method = "POST" } } },
            Context(), TestContext.Current.CancellationToken);
        Assert.Equal(400, invoke.StatusCode);
        Assert.StartsWith("{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"body:", Encoding.UTF8.GetString(invoke.BodyBytes()));
        Assert.Equal(0, catalog.Ledger.Counters.Decisions);
    }
}
