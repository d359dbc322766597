using Microsoft.AspNetCore.Http;
using Serverless.LocalBedrock.Formats;
using Serverless.LocalBedrock.Generation;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>POST /model/{modelId}/converse and /converse-stream.</summary>
internal static class ConverseEndpoints
{
    public static async Task ConverseAsync(HttpContext http, LocalBedrockRuntime runtime, bool stream)
    {
        var operation = stream ? Operations.ConverseStream : Operations.Converse;
        if (await RuntimeCall.BeginAsync(http, runtime, operation).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        InvocationRequest request;
        GenerationResult result;
        try
        {
            request = ConverseRequestReader.Read(JsonFields.ParseBody(call.Body), call.Model.Settings);
            result = runtime.Generator.Generate(call.Model.BaseModelId, request);
        }
        catch (Exception e) when (e is RequestValidationException or InvalidDataException)
        {
            await call.ErrorAsync("ValidationException", e.Message).ConfigureAwait(false);
            return;
        }

        await InvocationFlow.RunAsync(call, request, result, stream
            ? writer => StreamAsync(call, result, writer)
            : null, () => ConverseOutput.Response(result, call.ElapsedMs)).ConfigureAwait(false);
    }

    private static async Task StreamAsync(RuntimeCall call, GenerationResult result, EventStreamResponse writer)
    {
        var random = new Random(result.Seed);
        foreach (var (eventType, payload, tokens) in ConverseOutput.Events(result, random, () => call.ElapsedMs))
        {
            if (!await writer.WriteEventAsync(eventType, payload, tokens).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
