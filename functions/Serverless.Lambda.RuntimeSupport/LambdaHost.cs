using System.Runtime.InteropServices;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>The process entry point's one call: the Runtime API from the environment, the selected function, SIGTERM/SIGINT as shutdown.</summary>
public static class LambdaHost
{
    /// <summary>Exit code when the process cannot reach a Runtime API at all (unset variable, fatal API error).</summary>
    public const int RuntimeApiFailureExitCode = 2;

    /// <param name="functions">Every function this executable can serve.</param>
    /// <param name="entryAssemblyName">The executable's assembly name: on the managed runtime <c>_HANDLER</c> equals it.</param>
    /// <param name="options">Clock, cancellation margin, log.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(FunctionRegistry functions, string entryAssemblyName, LambdaBootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var environment = LambdaEnvironment.FromProcess();
        var endpoint = environment.Get(LambdaEnvironment.RuntimeApi);
        if (endpoint is null)
        {
            await Log(options).WriteLineAsync($"[runtime] {LambdaEnvironment.RuntimeApi} is not set: this executable runs inside Lambda or against a local Runtime API.").ConfigureAwait(false);
            return RuntimeApiFailureExitCode;
        }

        using var shutdown = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, shutdown));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, shutdown));
        using var client = new RuntimeApiClient(endpoint);
        var bootstrap = new LambdaBootstrap(client, () => functions.Resolve(FunctionSelector.SelectName(environment, entryAssemblyName)), environment, options);
        try
        {
            return await bootstrap.RunAsync(shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
        {
            // The documented answer to a Runtime API 500: the environment is broken, exit promptly.
            await Log(options).WriteLineAsync($"[runtime] fatal: {e.Message}").ConfigureAwait(false);
            return RuntimeApiFailureExitCode;
        }
    }

    // Console.Error is touched only when there is something to say: setting it up is start-up work.
    private static TextWriter Log(LambdaBootstrapOptions? options) => options?.Log ?? Console.Error;

    private static void Stop(PosixSignalContext signal, CancellationTokenSource shutdown)
    {
        signal.Cancel = true;
        shutdown.Cancel();
    }
}
