using System.Net;

namespace Serverless.Bedrock.Model;

// One class per error shape of the botocore models; status codes are the shapes' httpStatusCode traits.

/// <summary>403: the caller may not perform the action.</summary>
public sealed class AccessDeniedException(string message, string? requestId = null)
    : BedrockException(message, nameof(AccessDeniedException), HttpStatusCode.Forbidden, requestId, isRetryable: false);

/// <summary>404: the model, job or invocation does not exist.</summary>
public sealed class ResourceNotFoundException(string message, string? requestId = null)
    : BedrockException(message, nameof(ResourceNotFoundException), HttpStatusCode.NotFound, requestId, isRetryable: false);

/// <summary>429: the account's request rate or token quota is exceeded; retried with backoff.</summary>
public sealed class ThrottlingException(string message, string? requestId = null)
    : BedrockException(message, nameof(ThrottlingException), HttpStatusCode.TooManyRequests, requestId, isRetryable: true);

/// <summary>429: the model is being loaded; retried with backoff.</summary>
public sealed class ModelNotReadyException(string message, string? requestId = null)
    : BedrockException(message, nameof(ModelNotReadyException), HttpStatusCode.TooManyRequests, requestId, isRetryable: true);

/// <summary>
/// 408: the model ran past its processing timeout. Not retried: the attempt already spent the whole
/// timeout, the same prompt would most likely time out again, and a retry multiplies latency and cost.
/// </summary>
public sealed class ModelTimeoutException(string message, string? requestId = null)
    : BedrockException(message, nameof(ModelTimeoutException), HttpStatusCode.RequestTimeout, requestId, isRetryable: false);

/// <summary>424: the model itself failed on this input.</summary>
public sealed class ModelErrorException(string message, string? requestId = null, int? originalStatusCode = null, string? resourceName = null)
    : BedrockException(message, nameof(ModelErrorException), HttpStatusCode.FailedDependency, requestId, isRetryable: false)
{
    public int? OriginalStatusCode { get; } = originalStatusCode;

    public string? ResourceName { get; } = resourceName;
}

/// <summary>424: the model failed while streaming its reply.</summary>
public sealed class ModelStreamErrorException(string message, string? requestId = null, int? originalStatusCode = null, string? originalMessage = null)
    : BedrockException(message, nameof(ModelStreamErrorException), HttpStatusCode.FailedDependency, requestId, isRetryable: false)
{
    public int? OriginalStatusCode { get; } = originalStatusCode;

    public string? OriginalMessage { get; } = originalMessage;
}

/// <summary>503: the service is temporarily unavailable; retried with backoff.</summary>
public sealed class ServiceUnavailableException(string message, string? requestId = null)
    : BedrockException(message, nameof(ServiceUnavailableException), HttpStatusCode.ServiceUnavailable, requestId, isRetryable: true);

/// <summary>500: the service failed; retried with backoff.</summary>
public sealed class InternalServerException(string message, string? requestId = null)
    : BedrockException(message, nameof(InternalServerException), HttpStatusCode.InternalServerError, requestId, isRetryable: true);

/// <summary>400: the request is invalid.</summary>
public sealed class ValidationException(string message, string? requestId = null)
    : BedrockException(message, nameof(ValidationException), HttpStatusCode.BadRequest, requestId, isRetryable: false);

/// <summary>400: a service quota (not a rate) is exhausted; waiting a few seconds does not help.</summary>
public sealed class ServiceQuotaExceededException(string message, string? requestId = null)
    : BedrockException(message, nameof(ServiceQuotaExceededException), HttpStatusCode.BadRequest, requestId, isRetryable: false);

/// <summary>400: the request conflicts with the resource's state (e.g. stopping a finished job).</summary>
public sealed class ConflictException(string message, string? requestId = null)
    : BedrockException(message, nameof(ConflictException), HttpStatusCode.BadRequest, requestId, isRetryable: false);
