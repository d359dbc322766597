using System.Globalization;
using Microsoft.AspNetCore.Http;
using Serverless.LocalBedrock.Formats;
using Serverless.LocalBedrock.Generation;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>POST /model/{modelId}/invoke and /invoke-with-response-stream, in the model's native body format.</summary>
internal static class InvokeModelEndpoints
{
    public static async Task InvokeAsync(HttpContext http, LocalBedrockRuntime runtime, bool stream)
    {
        var operation = stream ? Operations.InvokeModelWithResponseStream : Operations.InvokeModel;
        if (await RuntimeCall.BeginAsync(http, runtime, operation).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        IModelBodyFormat format;
        InvocationRequest request;
        GenerationResult result;
        try
        {
            format = BodyFormats.For(call.Model.Settings);
            request = format.Parse(JsonFields.ParseBody(call.Body), call.Model.Settings);
            result = runtime.Generator.Generate(call.Model.BaseModelId, request);
        }
        catch (Exception e) when (e is RequestValidationException or InvalidDataException)
        {
            await call.ErrorAsync("ValidationException", e.Message).ConfigureAwait(false);
            return;
        }

        var random = new Random(result.Seed);
        if (!stream)
        {
            await InvocationFlow.RunAsync(call, request, result, null,
                () => format.Response(result, new FormatContext(call.Model.ModelId, call.Model.Settings, random, () => default)),
                response =>
                {
                    response.Headers["X-Amzn-Bedrock-Input-Token-Count"] = result.InputTokens.ToString(CultureInfo.InvariantCulture);
                    response.Headers["X-Amzn-Bedrock-Output-Token-Count"] = result.OutputTokens.ToString(CultureInfo.InvariantCulture);
                    response.Headers["X-Amzn-Bedrock-Invocation-Latency"] = call.ElapsedMs.ToString(CultureInfo.InvariantCulture);
                }).ConfigureAwait(false);
            return;
        }

        await InvocationFlow.RunAsync(call, request, result, writer => StreamAsync(call, format, result, random, writer), static () => [],
            response => response.Headers["X-Amzn-Bedrock-Content-Type"] = "application/json").ConfigureAwait(false);
    }

    private static async Task StreamAsync(RuntimeCall call, IModelBodyFormat format, GenerationResult result, Random random, EventStreamResponse writer)
    {
        var padding = new Random(random.Next());
        var context = new FormatContext(call.Model.ModelId, call.Model.Settings, random, () => new InvocationMetrics(
            result.InputTokens, result.OutputTokens, call.ElapsedMs, Math.Max(0, writer.FirstByteLatencyMs)));
        foreach (var chunk in format.Chunks(result, context))
        {
            var payload = FormatJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteBase64String("bytes", chunk.Json);
                w.WriteString("p", RandomIds.Padding(padding));
                w.WriteEndObject();
            });
            if (!await writer.WriteEventAsync("chunk", payload, chunk.OutputTokens).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
