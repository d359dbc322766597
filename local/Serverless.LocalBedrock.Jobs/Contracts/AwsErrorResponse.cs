using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Serverless.LocalBedrock.Jobs.Contracts;

/// <summary>
/// Writes an error the way Bedrock's restJson1 endpoints do: the status code, the error type in
/// <c>x-amzn-ErrorType</c>, and a JSON body <c>{"message": "..."}</c>. Every endpoint of the local Bedrock
/// (runtime, jobs, control plane) answers errors through this one writer, so clients see one wire shape.
/// </summary>
public static class AwsErrorResponse
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static async Task WriteAsync(HttpContext context, int statusCode, string errorType, string message, CancellationToken cancellationToken = default)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.Headers[ErrorTypeHeader] = errorType;
        response.Headers["x-amzn-RequestId"] = context.TraceIdentifier;
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task ValidationAsync(HttpContext context, string message, CancellationToken cancellationToken = default)
        => WriteAsync(context, StatusCodes.Status400BadRequest, "ValidationException", message, cancellationToken);

    public static Task ThrottlingAsync(HttpContext context, string message, CancellationToken cancellationToken = default)
        => WriteAsync(context, StatusCodes.Status429TooManyRequests, "ThrottlingException", message, cancellationToken);

    public static Task NotFoundAsync(HttpContext context, string message, CancellationToken cancellationToken = default)
        => WriteAsync(context, StatusCodes.Status404NotFound, "ResourceNotFoundException", message, cancellationToken);
}
