namespace Serverless.Bedrock.Errors;

/// <summary>restJson1 error codes come decorated; this strips the decorations the protocol allows.</summary>
internal static class ErrorCodeParser
{
    /// <summary>
    /// <c>aws.protocoltests#FooError:http://internal.amazon.com/...</c> becomes <c>FooError</c>: a ':' starts a
    /// URL suffix (header form) and a '#' ends a Smithy namespace prefix (body <c>__type</c> form).
    /// </summary>
    public static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Length == 0 ? null : code;
    }
}
