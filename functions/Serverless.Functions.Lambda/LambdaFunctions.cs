using Serverless.Batch.Steps;
using Serverless.Functions.Configuration;
using Serverless.Functions.Lambda.Batch;
using Serverless.Functions.Lambda.Http;
using Serverless.Functions.Metrics;
using Serverless.Functions.Routing;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda;

/// <summary>
/// Every function the executable serves: the HTTP functions (API Gateway and Function URLs), the batch workflow's
/// steps, and ping. Nothing is built until the selected function's first invocation; the catalogs are built once.
/// </summary>
internal static class LambdaFunctions
{
    // Names as compile-time constants, not FunctionRoutes.All / BatchStepNames.All: registration runs at every cold
    // start, and reading those tables would load and initialise the function libraries before the first event.
    // A test checks these lists against the route table and the step catalog.
    internal static readonly string[] BufferedHttpFunctions =
    [
        FunctionNames.Invoke, FunctionNames.Converse, FunctionNames.Structured, FunctionNames.AsyncStart,
        FunctionNames.AsyncStatus, FunctionNames.Tokens, FunctionNames.Quota, FunctionNames.Batch,
    ];

    internal static readonly string[] StreamingHttpFunctions = [FunctionNames.InvokeStream, FunctionNames.ConverseStream];

    internal static readonly string[] BatchSteps =
    [
        BatchStepNames.Prepare, BatchStepNames.Admit, BatchStepNames.FanOut, BatchStepNames.Release,
        BatchStepNames.Retry, BatchStepNames.Summarize,
    ];

    public static FunctionRegistry Create(Func<string, string?> environment, TimeProvider time, Random random)
    {
        var catalog = new Lazy<FunctionCatalog>(() => new FunctionCatalog(FunctionsEnvironment.Load(environment),
            new FunctionDependencies { TimeProvider = time, Random = random }));
        var steps = new Lazy<BatchStepCatalog>(() => BatchEnvironment.CreateCatalog(catalog.Value, environment, time, random));

        var registry = new FunctionRegistry().AddBuffered(PingFunction.Name, () => new PingFunction());
        foreach (var name in BufferedHttpFunctions)
        {
            registry.AddBuffered(name, () => new HttpFunctionHandler(catalog.Value.Buffered(name)));
        }

        foreach (var name in StreamingHttpFunctions)
        {
            registry.AddStreaming(name, () => new StreamingHttpFunctionHandler(catalog.Value.Streaming(name)));
        }

        foreach (var name in BatchSteps)
        {
            registry.AddBuffered(name, name == BatchStepNames.Summarize
                ? () => new SummarizeWithMetricsHandler(steps.Value.Get(name).InvokeAsync,
                    new EmfMetricsWriter(catalog.Value.Configuration.MetricsNamespace, time: time))
                : () => new BatchStepHandler(steps.Value.Get(name)));
        }

        return registry;
    }
}
