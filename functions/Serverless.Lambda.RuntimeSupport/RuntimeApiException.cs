using System.Net;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>The Runtime API answered with an error status (e.g. 413 for an oversized response, 500 when the environment is broken).</summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(HttpStatusCode statusCode, string? errorType, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    public RuntimeApiException()
        : this(HttpStatusCode.InternalServerError, null, "The Runtime API failed.")
    {
    }

    public RuntimeApiException(string message)
        : this(HttpStatusCode.InternalServerError, null, message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The errorType of the API's error document, when it sent one.</summary>
    public string? ErrorType { get; }

    /// <summary>The documented meaning of 500: the execution environment is broken and the runtime should exit.</summary>
    public bool IsFatal => (int)StatusCode >= 500;
}
