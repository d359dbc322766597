using Serverless.Batch.Steps;
using Serverless.Functions;
using Serverless.Functions.Lambda;
using Serverless.Functions.Routing;

namespace Serverless.Integration.Tests;

/// <summary>The executable registers its functions from constant lists (no table reads at start-up); they must match the tables.</summary>
public sealed class LambdaFunctionRegistrationTests
{
    [Fact]
    public void Every_HTTP_function_is_registered_once_with_its_route_kind()
    {
        var registered = LambdaFunctions.BufferedHttpFunctions.Select(n => (n, FunctionKind.Buffered))
            .Concat(LambdaFunctions.StreamingHttpFunctions.Select(n => (n, FunctionKind.Streaming)))
            .OrderBy(f => f.n, StringComparer.Ordinal).ToArray();
        var routed = FunctionCatalog.Names.Select(n => (n, FunctionRoutes.For(n).First().Kind)).OrderBy(f => f.n, StringComparer.Ordinal).ToArray();

        Assert.Equal(routed, registered);
    }

    [Fact]
    public void Every_batch_step_is_registered()
        => Assert.Equal(BatchStepNames.All.Order(StringComparer.Ordinal), LambdaFunctions.BatchSteps.Order(StringComparer.Ordinal));
}
