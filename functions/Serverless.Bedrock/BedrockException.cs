using System.Net;

namespace Serverless.Bedrock;

/// <summary>
/// An error the Bedrock service returned (as an HTTP error response or as an exception/error frame in an event
/// stream). The modelled errors derive from this; an unknown error code arrives as this base type.
/// </summary>
public class BedrockException : Exception
{
    public BedrockException(string message, string errorCode, HttpStatusCode statusCode, string? requestId = null,
        bool? isRetryable = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
        IsRetryable = isRetryable ?? IsRetryableStatus(statusCode);
    }

    /// <summary>The error's shape name, e.g. <c>ThrottlingException</c>, without namespace or URL suffix.</summary>
    public string ErrorCode { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The x-amzn-RequestId of the failed response, when the service sent one.</summary>
    public string? RequestId { get; }

    /// <summary>Whether sending the same request again may succeed (throttling, not-ready model, server faults).</summary>
    public bool IsRetryable { get; }

    /// <summary>Unknown errors: 429 and 5xx are worth a retry, other codes are the caller's fault.</summary>
    internal static bool IsRetryableStatus(HttpStatusCode statusCode) =>
        statusCode == HttpStatusCode.TooManyRequests || (int)statusCode >= 500;
}
