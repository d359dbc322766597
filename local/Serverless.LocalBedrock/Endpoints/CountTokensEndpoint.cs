using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.LocalBedrock.Formats;
using Serverless.LocalBedrock.Generation;
using Serverless.LocalBedrock.Hosting;
using static Serverless.LocalBedrock.Formats.JsonFields;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>
/// POST /model/{modelId}/count-tokens: <c>{"input": {"converse": {...}}}</c> or <c>{"input": {"invokeModel": {"body": "&lt;base64&gt;"}}}</c>
/// answered with <c>{"inputTokens": n}</c> — the same count Converse and InvokeModel report for that input. Free of
/// the inference quota, like the service.
/// </summary>
internal static class CountTokensEndpoint
{
    public static async Task CountAsync(HttpContext http, LocalBedrockRuntime runtime)
    {
        if (await RuntimeCall.BeginAsync(http, runtime, Operations.CountTokens).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        Prompt prompt;
        try
        {
            prompt = ReadPrompt(ParseBody(call.Body), call);
        }
        catch (Exception e) when (e is RequestValidationException or InvalidDataException)
        {
            await call.ErrorAsync("ValidationException", e.Message).ConfigureAwait(false);
            return;
        }

        var (proceed, _) = await call.ApplyFaultsAsync().ConfigureAwait(false);
        if (!proceed)
        {
            return;
        }

        var body = FormatJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("inputTokens", prompt.CountInputTokens());
            w.WriteEndObject();
        });
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.Headers["x-amzn-RequestId"] = http.TraceIdentifier;
        runtime.CountResponse(Operations.CountTokens, 200);
        await http.Response.Body.WriteAsync(body, call.Aborted).ConfigureAwait(false);
    }

    private static Prompt ReadPrompt(JsonElement body, RuntimeCall call)
    {
        RequireObject(body, "");
        var input = Required(body, "input", "");
        RequireObject(input, "input");
        if (OptionalObject(input, "converse", "input") is { } converse)
        {
            return ConverseRequestReader.ReadPrompt(converse, "input.converse", requireMessages: true);
        }

        if (OptionalObject(input, "invokeModel", "input") is { } invoke)
        {
            var encoded = RequiredString(invoke, "body", "input.invokeModel");
            byte[] native;
            try
            {
                native = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                throw new RequestValidationException("input.invokeModel.body: must be the base64 encoding of the model's request body");
            }

            var format = BodyFormats.For(call.Model.Settings);
            return format.Parse(ParseBody(native), call.Model.Settings).Prompt;
        }

        throw new RequestValidationException("input: must set exactly one of converse, invokeModel");
    }
}
