using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Jobs.Http;

/// <summary>Reading requests and writing responses of the jobs endpoints: source-generated JSON, AWS error shapes, never a 500 for bad input.</summary>
internal static class WireIo
{
    /// <summary>Runs an operation, answering a <see cref="JobsApiException"/> with Bedrock's error shape.</summary>
    public static async Task HandleAsync(HttpContext context, Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (JobsApiException e)
        {
            await AwsErrorResponse.WriteAsync(context, e.StatusCode, e.ErrorType, e.Message, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            await AwsErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailableException", "The local Bedrock jobs service is shutting down.", context.RequestAborted).ConfigureAwait(false);
        }
    }

    public static async Task<T> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);

        // An empty body is an empty request: the required-member checks then name what is missing.
        var body = buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray();
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw JobsApiException.Validation("The request body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw JobsApiException.Validation(DescribeJsonError(e));
        }
    }

    public static async Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = context.TraceIdentifier;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A path parameter as the SDKs send it: percent-encoded, an ARN's '/' as %2F (which the router leaves encoded).</summary>
    public static string PathParameter(HttpContext context, string name)
        => Uri.UnescapeDataString(context.Request.RouteValues[name] as string ?? string.Empty);

    public static string? QueryString(HttpContext context, string name, int minLength, int maxLength)
    {
        if (!context.Request.Query.TryGetValue(name, out var values))
        {
            return null;
        }

        var value = values.ToString();
        if (value.Length < minLength || value.Length > maxLength)
        {
            throw JobsApiException.Constraint(name, value, $"Member must have length between {minLength} and {maxLength}");
        }

        return value;
    }

    public static int? QueryInt(HttpContext context, string name)
    {
        if (QueryString(context, name, 0, 32) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw JobsApiException.Constraint(name, text, "Member must be an integer");
    }

    /// <summary>Query timestamps arrive as ISO-8601 (the JS and .NET SDKs) or epoch seconds (hand-written calls).</summary>
    public static DateTimeOffset? QueryTimestamp(HttpContext context, string name)
    {
        if (QueryString(context, name, 0, 64) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));
        }

        throw JobsApiException.Constraint(name, text, "Member must be an ISO-8601 timestamp");
    }

    private static string DescribeJsonError(JsonException e)
    {
        var where = $"line {(e.LineNumber ?? 0) + 1}, byte {e.BytePositionInLine ?? 0}";
        var member = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        return member is null
            ? $"The request body is not a valid JSON object ({where})."
            : $"1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must be valid JSON of the member's type ({where})";
    }
}
