using System.Net;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// The runtime loop: select the function (an init error goes to /runtime/init/error and ends the process with a
/// non-zero code), then next → handler → response or error, until shutdown. The handler is built on the first
/// invocation, so nothing but the function's name lookup happens before the first /next.
/// </summary>
public sealed class LambdaBootstrap
{
    /// <summary>The exit code after an init error (Lambda then reports Runtime.ExitError with the posted error).</summary>
    public const int InitErrorExitCode = 1;

    private readonly RuntimeApiClient _client;
    private readonly Func<FunctionRegistration> _selectFunction;
    private readonly LambdaEnvironment _environment;
    private readonly LambdaBootstrapOptions _options;

    /// <param name="client">The Runtime API.</param>
    /// <param name="selectFunction">Finds the function to serve; a <see cref="LambdaInitException"/> (or any exception) is an init error.</param>
    /// <param name="environment">Where the function's identity is read and the per-invocation trace id is written.</param>
    /// <param name="options">Clock, cancellation margin, log.</param>
    public LambdaBootstrap(RuntimeApiClient client, Func<FunctionRegistration> selectFunction, LambdaEnvironment environment, LambdaBootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(selectFunction);
        ArgumentNullException.ThrowIfNull(environment);
        _client = client;
        _selectFunction = selectFunction;
        _environment = environment;
        _options = options ?? new LambdaBootstrapOptions();
    }

    /// <summary>Runs until <paramref name="shutdown"/> fires; returns the process exit code. A fatal Runtime API error (5xx) is thrown.</summary>
    public async Task<int> RunAsync(CancellationToken shutdown)
    {
        FunctionRegistration function;
        LambdaFunctionInfo info;
        try
        {
            function = _selectFunction();
            info = _environment.ReadFunctionInfo();
        }
        catch (Exception e)
        {
            Log($"init error: {e.Message}");
            await _client.ReportInitializationErrorAsync(RuntimeErrorBody.FromException(e), shutdown).ConfigureAwait(false);
            return InitErrorExitCode;
        }

        while (!shutdown.IsCancellationRequested)
        {
            InvocationRequest invocation;
            try
            {
                invocation = await _client.GetNextInvocationAsync(shutdown).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
            {
                break;
            }

            _environment.Set(LambdaEnvironment.TraceId, invocation.TraceId);
            using var context = new LambdaContext(invocation, info, _options.TimeProvider, _options.CancellationMargin, shutdown);
            if (function.IsStreaming)
            {
                await InvokeStreamingAsync(function, invocation, context).ConfigureAwait(false);
            }
            else
            {
                await InvokeBufferedAsync(function, invocation, context).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private async Task InvokeBufferedAsync(FunctionRegistration function, InvocationRequest invocation, LambdaContext context)
    {
        ReadOnlyMemory<byte> response;
        try
        {
            response = await function.BufferedHandler.HandleAsync(invocation.Payload, context, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await ReportErrorAsync(invocation.AwsRequestId, e).ConfigureAwait(false);
            return;
        }

        try
        {
            await _client.SendResponseAsync(invocation.AwsRequestId, response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RuntimeApiException e) when (e.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            Log($"{invocation.AwsRequestId}: {e.Message}");
            await ReportErrorAsync(invocation.AwsRequestId, new RuntimeErrorBody
            {
                ErrorType = "Function.ResponseSizeTooLarge",
                ErrorMessage = $"The response ({response.Length} bytes) is larger than Lambda accepts for a buffered response.",
            }).ConfigureAwait(false);
        }
        catch (RuntimeApiException e) when (!e.IsFatal)
        {
            // E.g. the invocation already timed out: Lambda no longer wants this answer; the next one still counts.
            Log($"{invocation.AwsRequestId}: {e.Message}");
        }
    }

    private async Task InvokeStreamingAsync(FunctionRegistration function, InvocationRequest invocation, LambdaContext context)
    {
        var stream = _client.CreateResponseStream(invocation.AwsRequestId);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                await function.StreamingHandler.HandleAsync(invocation.Payload, stream, context, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (!stream.HasStarted)
                {
                    await ReportErrorAsync(invocation.AwsRequestId, e).ConfigureAwait(false);
                    return;
                }

                Log($"{invocation.AwsRequestId}: {e.GetType().Name} after the response started: {e.Message}");
                await FinishStreamAsync(invocation, () => stream.FailAsync(RuntimeErrorBody.FromException(e), CancellationToken.None)).ConfigureAwait(false);
                return;
            }

            await FinishStreamAsync(invocation, () => stream.CompleteAsync(CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private async Task FinishStreamAsync(InvocationRequest invocation, Func<Task> finish)
    {
        try
        {
            await finish().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or RuntimeApiException { IsFatal: false })
        {
            Log($"{invocation.AwsRequestId}: the streamed response could not be completed: {e.Message}");
        }
    }

    private async Task ReportErrorAsync(string awsRequestId, Exception error)
    {
        Log($"{awsRequestId}: {error.GetType().Name}: {error.Message}");
        try
        {
            await _client.ReportInvocationErrorAsync(awsRequestId, RuntimeErrorBody.FromException(error), CancellationToken.None).ConfigureAwait(false);
        }
        catch (RuntimeApiException e) when (!e.IsFatal)
        {
            Log($"{awsRequestId}: {e.Message}");
        }
    }

    private async Task ReportErrorAsync(string awsRequestId, RuntimeErrorBody error)
    {
        try
        {
            await _client.ReportInvocationErrorAsync(awsRequestId, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RuntimeApiException e) when (!e.IsFatal)
        {
            Log($"{awsRequestId}: {e.Message}");
        }
    }

    private void Log(string message) => (_options.Log ?? Console.Error).WriteLine("[runtime] " + message);
}
