using Serverless.Batch.Steps;
using Serverless.Functions.Configuration;
using Serverless.Functions.Lambda.Batch;
using Serverless.Functions.Lambda.Http;
using Serverless.Functions.Routing;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda;

/// <summary>
/// Every function the executable serves: the HTTP functions (API Gateway and Function URLs), the batch workflow's
/// steps, and ping. Nothing is built until the selected function's first invocation; the catalogs are built once.
/// </summary>
internal static class LambdaFunctions
{
    public static FunctionRegistry Create(Func<string, string?> environment, TimeProvider time, Random random)
    {
        var catalog = new Lazy<FunctionCatalog>(() => new FunctionCatalog(FunctionsEnvironment.Load(environment),
            new FunctionDependencies { TimeProvider = time, Random = random }));
        var steps = new Lazy<BatchStepCatalog>(() => BatchEnvironment.CreateCatalog(catalog.Value, environment, time, random));

        var registry = new FunctionRegistry().AddBuffered(PingFunction.Name, () => new PingFunction());
        foreach (var name in FunctionCatalog.Names)
        {
            var streaming = FunctionRoutes.For(name).First().Kind == FunctionKind.Streaming;
            if (streaming)
            {
                registry.AddStreaming(name, () => new StreamingHttpFunctionHandler(catalog.Value.Streaming(name)));
            }
            else
            {
                registry.AddBuffered(name, () => new HttpFunctionHandler(catalog.Value.Buffered(name)));
            }
        }

        foreach (var name in BatchStepNames.All)
        {
            registry.AddBuffered(name, () => new BatchStepHandler(steps.Value.Get(name)));
        }

        return registry;
    }
}
