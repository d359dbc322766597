using System.Text.Json;
using Serverless.Functions.Http;

namespace Serverless.Functions.Requests;

/// <summary>
/// Who is calling, for quota sub-limits and conversation ownership: the IAM principal's ARN, else the JWT's
/// <c>sub</c>, else a Lambda authorizer's <c>callerId</c> context value (the local host sets that one).
/// </summary>
public static class CallerIdentity
{
    /// <summary>The id used when a request carries no identity (an unauthenticated route).</summary>
    public const string Anonymous = "anonymous";

    public static string Resolve(HttpApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorizer = request.RequestContext?.Authorizer;
        if (authorizer is null)
        {
            return Anonymous;
        }

        if (authorizer.Iam?.UserArn is { Length: > 0 } arn)
        {
            return arn;
        }

        if (authorizer.Jwt?.Claims is { } claims && claims.TryGetValue("sub", out var subject) && !string.IsNullOrEmpty(subject))
        {
            return subject;
        }

        if (authorizer.Lambda is { } context && context.TryGetValue("callerId", out var callerId))
        {
            var value = callerId.ValueKind == JsonValueKind.String ? callerId.GetString() : callerId.GetRawText();
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return Anonymous;
    }
}
