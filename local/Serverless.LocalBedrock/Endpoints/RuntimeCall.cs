using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.LocalBedrock.Faults;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>
/// One runtime request after the checks every operation shares: body read within the size limit, signature
/// verified (when configured), model id decoded and known. Also the one place errors are written and counted.
/// </summary>
internal sealed class RuntimeCall
{
    private RuntimeCall(HttpContext http, LocalBedrockRuntime runtime, string operation, ResolvedModel model, byte[] body, long startedAt)
    {
        Http = http;
        Runtime = runtime;
        Operation = operation;
        Model = model;
        Body = body;
        StartedAt = startedAt;
    }

    public HttpContext Http { get; }

    public LocalBedrockRuntime Runtime { get; }

    public string Operation { get; }

    public ResolvedModel Model { get; }

    public byte[] Body { get; }

    /// <summary>Timestamp (of the injected clock) the request arrived at; latencies are measured from it.</summary>
    public long StartedAt { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public long ElapsedMs => (long)Runtime.Time.GetElapsedTime(StartedAt).TotalMilliseconds;

    /// <summary>Null when an error response was already written.</summary>
    public static async Task<RuntimeCall?> BeginAsync(HttpContext http, LocalBedrockRuntime runtime, string operation)
    {
        var startedAt = runtime.Time.GetTimestamp();
        var settings = runtime.Settings;
        var body = await ReadBodyAsync(http.Request, settings.MaxRequestBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await ErrorAsync(http, runtime, operation, 400, "ValidationException",
                $"1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have length less than or equal to {settings.MaxRequestBodyBytes}").ConfigureAwait(false);
            return null;
        }

        if (settings.Auth is { } auth && runtime.Verifier.Verify(http.Request, body, auth) is { } failure)
        {
            await ErrorAsync(http, runtime, operation, failure.StatusCode, failure.ErrorType, failure.Message).ConfigureAwait(false);
            return null;
        }

        var modelId = ModelIdOf(http);
        if (modelId is null || ModelCatalog.Resolve(settings, modelId) is not { } model)
        {
            await ErrorAsync(http, runtime, operation, 400, "ValidationException", ModelCatalog.InvalidModelMessage).ConfigureAwait(false);
            return null;
        }

        return new RuntimeCall(http, runtime, operation, model, body, startedAt);
    }

    /// <summary>Applies the request's faults that act before the answer: a slow first byte, then an injected error. False when an error was written.</summary>
    public async Task<(bool Proceed, FaultPlan Plan)> ApplyFaultsAsync()
    {
        var plan = Runtime.Faults.Plan(Operation);
        if (plan.SlowFirstByte > TimeSpan.Zero)
        {
            await Task.Delay(plan.SlowFirstByte, Runtime.Time, Aborted).ConfigureAwait(false);
        }

        if (plan.Error is { } kind)
        {
            await ErrorAsync(kind, kind == "ThrottlingException" ? Quotas.QuotaLedger.TooManyRequests : RuntimeErrors.MessageOf(kind)).ConfigureAwait(false);
            return (false, plan);
        }

        return (true, plan);
    }

    public Task ErrorAsync(string errorType, string message)
        => ErrorAsync(Http, Runtime, Operation, RuntimeErrors.StatusOf(errorType), errorType, message);

    public static Task ErrorAsync(HttpContext http, LocalBedrockRuntime runtime, string operation, int status, string errorType, string message)
    {
        runtime.CountResponse(operation, status);
        return AwsErrorResponse.WriteAsync(http, status, errorType, message, http.RequestAborted);
    }

    /// <summary>The model id path segment, percent-decoded once (clients send <c>anthropic.claude...-v1%3A0</c>).</summary>
    private static string? ModelIdOf(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToString();
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (query >= 0 ? raw[..query] : raw).Split('/');
        if (segments.Length < 4 || segments[1] != "model" || segments[2].Length == 0)
        {
            return null;
        }

        try
        {
            return Uri.UnescapeDataString(segments[2]);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
