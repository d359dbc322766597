using System.Collections.Concurrent;
using Serverless.Lambda.RuntimeSupport;
using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

/// <summary>A <see cref="LambdaBootstrap"/> running in-process against a <see cref="LocalRuntimeApi"/>, with a private environment.</summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    public const string FunctionName = "under-test";

    // Only bounds a broken runtime; a passing test never waits this long.
    private static readonly TimeSpan OutcomeBound = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _shutdown;
    private readonly RuntimeApiClient _client;

    private RuntimeHarness(LocalRuntimeApi api, ConcurrentDictionary<string, string?> environment, RuntimeApiClient client, CancellationTokenSource shutdown, Task<int> loop)
    {
        _shutdown = shutdown;
        Api = api;
        Environment = environment;
        _client = client;
        Loop = loop;
    }

    public LocalRuntimeApi Api { get; }

    public ConcurrentDictionary<string, string?> Environment { get; }

    /// <summary>The bootstrap's RunAsync: its exit code.</summary>
    public Task<int> Loop { get; }

    public static Task<RuntimeHarness> StartAsync(IBufferedLambdaHandler handler, TimeProvider? time = null, TimeSpan? margin = null) =>
        StartAsync(new FunctionRegistry().AddBuffered(FunctionName, () => handler), FunctionName, time, margin);

    public static Task<RuntimeHarness> StartAsync(IStreamingLambdaHandler handler, TimeProvider? time = null) =>
        StartAsync(new FunctionRegistry().AddStreaming(FunctionName, () => handler), FunctionName, time, null);

    public static async Task<RuntimeHarness> StartAsync(
        FunctionRegistry functions,
        string? handlerSetting,
        TimeProvider? time = null,
        TimeSpan? margin = null,
        Func<RuntimeApiEndpoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        var api = await LocalRuntimeApi.StartAsync(time, TestContext.Current.CancellationToken);
        var environment = new ConcurrentDictionary<string, string?>
        {
            [LambdaEnvironment.RuntimeApi] = api.Endpoint,
            [LambdaEnvironment.Handler] = handlerSetting,
            [LambdaEnvironment.FunctionName] = "local-function",
            [LambdaEnvironment.FunctionVersion] = "$LATEST",
            [LambdaEnvironment.FunctionMemorySize] = "512",
            [LambdaEnvironment.LogGroupName] = "/aws/lambda/local-function",
            [LambdaEnvironment.LogStreamName] = "2026/01/01/[$LATEST]0123456789abcdef",
        };
        var lambdaEnvironment = LambdaEnvironment.FromDictionary(environment);
        var client = new RuntimeApiClient(api.Endpoint, connect: connect);
        var bootstrap = new LambdaBootstrap(
            client,
            () => functions.Resolve(FunctionSelector.SelectName(lambdaEnvironment, "Serverless.Functions.Lambda")),
            lambdaEnvironment,
            new LambdaBootstrapOptions
            {
                TimeProvider = time ?? TimeProvider.System,
                CancellationMargin = margin ?? TimeSpan.FromMilliseconds(500),
                Log = TextWriter.Null,
            });
        var shutdown = new CancellationTokenSource();
        return new RuntimeHarness(api, environment, client, shutdown, Task.Run(() => bootstrap.RunAsync(shutdown.Token)));
    }

    public Task<InvocationOutcome> InvokeAsync(byte[] payload, LocalInvocationOptions? options = null) =>
        Api.Enqueue(payload, options).Outcome.WaitAsync(OutcomeBound, TestContext.Current.CancellationToken);

    public static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(OutcomeBound, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        try
        {
            await Loop.WaitAsync(OutcomeBound, CancellationToken.None);
        }
        finally
        {
            _client.Dispose();
            await Api.DisposeAsync();
            _shutdown.Dispose();
        }
    }
}
