using Microsoft.AspNetCore.Http;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Auth;

/// <summary>
/// Verifies SigV4 on the job and async-invoke API when the settings name test credentials. The runtime's model
/// routes verify inside <c>RuntimeCall</c>, where the size-checked body is already in hand; the local admin
/// routes (/_local) stay open so tests and tools can read stats without signing.
/// </summary>
internal static class SignatureMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, LocalBedrockRuntime runtime)
    {
        var path = context.Request.Path;
        if (runtime.Settings.Auth is not { } auth
            || path.StartsWithSegments("/model", StringComparison.Ordinal)
            || path.StartsWithSegments("/_local", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        context.Request.Body.Position = 0;
        if (runtime.Verifier.Verify(context.Request, body.GetBuffer().AsSpan(0, (int)body.Length), auth) is { } failure)
        {
            await AwsErrorResponse.WriteAsync(context, failure.StatusCode, failure.ErrorType, failure.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
