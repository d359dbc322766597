namespace Serverless.LocalBedrock.Faults;

/// <summary>The errors the Bedrock runtime models (service-2.json), with their HTTP status and a message like the service's.</summary>
public static class RuntimeErrors
{
    private static readonly Dictionary<string, (int Status, string Message)> Known = new(StringComparer.Ordinal)
    {
        ["ValidationException"] = (400, "The request is invalid."),
        ["ServiceQuotaExceededException"] = (400, "Your request exceeds the service quota for your account. You can view your quotas at Viewing service quotas. You can resubmit your request later."),
        ["AccessDeniedException"] = (403, "You don't have access to the model with the specified model ID."),
        ["ResourceNotFoundException"] = (404, "The specified resource ARN was not found. Check the ARN and try your request again."),
        ["ModelTimeoutException"] = (408, "Model has timed out in processing the request. Try your request again."),
        ["ThrottlingException"] = (429, "Too many requests, please wait before trying again."),
        ["ModelNotReadyException"] = (429, "Model is not ready to serve inference requests. The AWS SDK will automatically retry the operation up to 5 times."),
        ["ModelErrorException"] = (424, "The request failed due to an error while processing the model."),
        ["ModelStreamErrorException"] = (424, "An error occurred while streaming the response. Retry your request."),
        ["InternalServerException"] = (500, "The system encountered an unexpected error during processing. Try your request again."),
        ["ServiceUnavailableException"] = (503, "The service isn't currently available. Try again later."),
    };

    public static IReadOnlyCollection<string> Names => Known.Keys;

    public static bool IsKnown(string name) => Known.ContainsKey(name);

    public static int StatusOf(string name) => Known[name].Status;

    public static string MessageOf(string name) => Known[name].Message;
}
