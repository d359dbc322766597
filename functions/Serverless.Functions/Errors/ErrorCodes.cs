namespace Serverless.Functions.Errors;

/// <summary>The error codes the functions themselves produce (Bedrock's errors keep Bedrock's codes).</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "InvalidRequest";
    public const string UnknownRoute = "UnknownRoute";
    public const string UnknownModel = "UnknownModel";
    public const string ConversationNotFound = "ConversationNotFound";
    public const string AsyncInvocationNotFound = "AsyncInvocationNotFound";
    public const string BatchNotFound = "BatchNotFound";
    public const string ConversationConflict = "ConversationConflict";
    public const string ConversationStoreUnavailable = "ConversationStoreUnavailable";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string PayloadTooLarge = "PayloadTooLarge";
    public const string StructuredOutputInvalid = "StructuredOutputInvalid";
    public const string QuotaExceeded = "QuotaExceeded";
    public const string QuotaUnavailable = "QuotaUnavailable";
    public const string CallerNotAllowed = "CallerNotAllowed";
    public const string BedrockUnreachable = "BedrockUnreachable";
    public const string BedrockTimeout = "BedrockTimeout";
    public const string BadBedrockResponse = "BadBedrockResponse";
    public const string BatchStoreUnavailable = "BatchStoreUnavailable";
    public const string StepFunctionsUnreachable = "StepFunctionsUnreachable";
    public const string RequestCancelled = "RequestCancelled";
    public const string InternalError = "InternalError";
}
