namespace Serverless.Functions.Errors;

/// <summary>
/// One error as callers see it: the HTTP status and the body <c>{"error":{"code","message","retryable"}}</c>; a
/// 429 also carries Retry-After. Messages name the field and the problem, never a stack trace.
/// </summary>
public sealed record FunctionError(int StatusCode, string Code, string Message, bool Retryable, TimeSpan? RetryAfter = null)
{
    /// <summary>400: the body or a parameter is wrong; the message starts with the field's name.</summary>
    public static FunctionError BadRequest(string field, string problem) => new(400, ErrorCodes.InvalidRequest, $"{field}: {problem}", false);

    public static FunctionError NotFound(string code, string message) => new(404, code, message, false);

    public static FunctionError PayloadTooLarge(int limit) =>
        new(413, ErrorCodes.PayloadTooLarge, $"body: is larger than this route accepts ({limit} bytes)", false);

    public static FunctionError MethodNotAllowed(string method, string path, IReadOnlyList<string> allowed) =>
        new(405, ErrorCodes.MethodNotAllowed, $"{method} is not allowed on {path}; use {string.Join(" or ", allowed)}", false);

    public static FunctionError UnknownRoute(string method, string path) =>
        new(404, ErrorCodes.UnknownRoute, $"No route matches {method} {path}", false);
}
