using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.EventStreams;
using Serverless.Bedrock.Model;
using Serverless.Conversations;
using Serverless.Functions.StepFunctions;
using Serverless.Quota;
using Serverless.Quota.Storage;

namespace Serverless.Functions.Errors;

/// <summary>
/// Turns whatever a function threw into the error callers get. Bedrock's errors keep their codes with statuses a
/// caller can act on; our own validation and quota errors come as <see cref="FunctionException"/>. Anything else is
/// a bug on our side: 500 with a generic message (no type names, no stack).
/// </summary>
public static class ErrorMapper
{
    public static FunctionError ToError(Exception exception) => exception switch
    {
        FunctionException function => function.Error,
        BedrockException bedrock => FromBedrock(bedrock),
        StepFunctionsException stepFunctions => FromStepFunctions(stepFunctions),
        ConversationConflictException conflict => new FunctionError(409, ErrorCodes.ConversationConflict, conflict.Message, true),
        ConversationTurnTooLargeException tooLarge => new FunctionError(413, ErrorCodes.PayloadTooLarge, tooLarge.Message, false),
        ConversationStoreUnavailableException => new FunctionError(503, ErrorCodes.ConversationStoreUnavailable, "The conversation store is unavailable; nothing was stored.", true, TimeSpan.FromSeconds(1)),
        // The Bedrock client's own validation names the member, e.g. "messages[0].content: is required".
        ArgumentException argument => new FunctionError(400, ErrorCodes.InvalidRequest, WithoutParameterSuffix(argument), false),
        JsonException json => FunctionError.BadRequest(JsonErrors.Field(json), JsonErrors.Problem(json)),
        QuotaStoreUnavailableException => new FunctionError(503, ErrorCodes.QuotaUnavailable, "The quota ledger's store is unavailable; nothing was sent to Bedrock.", true, TimeSpan.FromSeconds(1)),
        QuotaConfigurationException quota => new FunctionError(403, ErrorCodes.CallerNotAllowed, quota.Message, false),
        TimeoutException => new FunctionError(504, ErrorCodes.BedrockTimeout, "Bedrock did not answer within the call's deadline.", true),
        HttpRequestException => new FunctionError(502, ErrorCodes.BedrockUnreachable, "Bedrock could not be reached.", true),
        EventStreamFormatException => new FunctionError(502, ErrorCodes.BadBedrockResponse, "Bedrock's response stream was malformed.", true),
        IOException => new FunctionError(502, ErrorCodes.BedrockUnreachable, "The connection to Bedrock broke during the response.", true),
        _ => new FunctionError(500, ErrorCodes.InternalError, "The function failed unexpectedly.", true),
    };

    /// <summary>Bedrock's statuses mapped to what a caller of this API can do about them.</summary>
    public static FunctionError FromBedrock(BedrockException exception)
    {
        var (status, retryable) = exception switch
        {
            ThrottlingException => (429, true),
            ValidationException => (400, false),
            AccessDeniedException => (403, false),
            ResourceNotFoundException => (404, false),
            ModelTimeoutException => (504, true),
            ServiceUnavailableException => (503, true),
            ModelNotReadyException => (503, true),
            _ => (502, exception.IsRetryable),
        };
        return new FunctionError(status, exception.ErrorCode, exception.Message, retryable);
    }

    /// <summary>
    /// Step Functions refusing a call: throttled → 429, at its running-executions limit or failing → 503, both worth a
    /// retry; anything else (unknown state machine, access denied, a rejected name or input) is our deployment's fault →
    /// 502. <paramref name="operation"/> and <paramref name="outcome"/> word the message for what was attempted (the
    /// batch start by default, which is what reaches here uncaught).
    /// </summary>
    public static FunctionError FromStepFunctions(StepFunctionsException exception, string operation = "the batch start", string outcome = "nothing was started")
    {
        var retryAfter = TimeSpan.FromSeconds(1);
        if (exception.IsThrottling)
        {
            return new FunctionError(429, exception.ErrorCode, $"Step Functions throttled {operation}; {outcome}. " + exception.Message, true, retryAfter);
        }

        if (exception.IsRetryable || exception.ErrorCode == StepFunctionsErrors.ExecutionLimitExceeded)
        {
            return new FunctionError(503, exception.ErrorCode, $"Step Functions could not serve {operation} now; {outcome}. " + exception.Message, true, retryAfter);
        }

        return new FunctionError(502, exception.ErrorCode, $"Step Functions refused {operation}: " + exception.Message, false);
    }

    /// <summary>ArgumentException appends " (Parameter 'x')"; the field is already the message's first word.</summary>
    private static string WithoutParameterSuffix(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = exception.ParamName is { } name ? $" (Parameter '{name}')" : null;
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
