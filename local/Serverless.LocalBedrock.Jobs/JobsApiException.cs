namespace Serverless.LocalBedrock.Jobs;

/// <summary>
/// A refusal the way Bedrock words it: HTTP status, error type (<c>x-amzn-ErrorType</c>) and message.
/// The service throws it; the endpoints turn it into an <see cref="Contracts.AwsErrorResponse"/>.
/// </summary>
public sealed class JobsApiException(int statusCode, string errorType, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ErrorType { get; } = errorType;

    public static JobsApiException Validation(string message) => new(400, "ValidationException", message);

    /// <summary>AWS's wording for one failed member constraint, e.g. <c>Value null at 'jobName' failed to satisfy constraint: Member must not be null</c>.</summary>
    public static JobsApiException Constraint(string member, string? value, string constraint)
        => Validation($"1 validation error detected: Value {(value is null ? "null" : "'" + value + "'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static JobsApiException NotFound(string message) => new(404, "ResourceNotFoundException", message);

    public static JobsApiException Conflict(string message) => new(400, "ConflictException", message);

    public static JobsApiException QuotaExceeded(string message) => new(400, "ServiceQuotaExceededException", message);
}
