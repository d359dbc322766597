using System.Text.Encodings.Web;
using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Contracts;
using Serverless.LocalBedrock.Jobs.Storage;

namespace Serverless.LocalBedrock.Jobs.AsyncInvoke;

/// <summary>
/// Runs one async invocation in the background: invokes the model, writes its native response body to
/// <c>{s3Uri}/{invocationId}/output.json</c>, and ends Completed, or Failed with the invoker's error as failureMessage.
/// </summary>
internal sealed class AsyncInvokeRunner(ResourceClock clock, TimeSpan minimumDuration, IModelInvoker invoker, IObjectStore store, FaultDice dice, JobFaultOptions faults)
{
    public const string OutputName = "output.json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task RunAsync(AsyncInvocation invocation, CancellationToken shutdown)
    {
        try
        {
            var minimum = clock.Delay(minimumDuration, shutdown);
            if (dice.Roll(faults.FailedAsyncInvokeRate, "async:" + invocation.Id, 0))
            {
                await minimum.ConfigureAwait(false);
                invocation.Fail("Internal error: the invocation could not be completed (injected fault).", clock.Now);
                return;
            }

            var result = await invoker.InvokeAsync(invocation.Request.ModelId!, invocation.Request.ModelInput!.Value, shutdown).ConfigureAwait(false);
            await minimum.ConfigureAwait(false);
            if (!result.Succeeded || result.ModelOutput is not { } output)
            {
                invocation.Fail($"{result.ErrorMessage ?? "The model returned no output."} (errorCode {result.ErrorCode ?? 500})", clock.Now);
                return;
            }

            await store.PutAsync(invocation.OutputFolder.Append(OutputName), Serialize(output), shutdown).ConfigureAwait(false);
            invocation.Complete(clock.Now);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // The service is shutting down; the invocation stays InProgress.
        }
        catch (Exception e)
        {
            invocation.Fail("Internal error while running the invocation: " + e.Message, clock.Now);
        }
    }

    private static byte[] Serialize(JsonElement output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            output.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
