using System.Text.Json.Serialization;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>The Runtime API's documented error document, posted to /error and /init/error and base64-encoded in the streaming error trailer.</summary>
public sealed class RuntimeErrorBody
{
    [JsonPropertyName("errorMessage")]
    public required string ErrorMessage { get; init; }

    [JsonPropertyName("errorType")]
    public required string ErrorType { get; init; }

    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>The document for an exception: its type name (as Lambda's .NET runtime reports it), message and stack frames.</summary>
    public static RuntimeErrorBody FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is LambdaInitException init)
        {
            return new RuntimeErrorBody { ErrorType = init.ErrorType, ErrorMessage = init.Message };
        }

        return new RuntimeErrorBody
        {
            ErrorType = exception.GetType().Name,
            ErrorMessage = exception.Message,
            StackTrace = exception.StackTrace is { } trace
                ? trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
        };
    }

    internal byte[] ToUtf8Json() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, RuntimeJsonContext.Default.RuntimeErrorBody);
}
