namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// The function cannot start (unknown handler name, missing setting). The bootstrap posts it to /runtime/init/error
/// with <see cref="ErrorType"/> and exits non-zero.
/// </summary>
public sealed class LambdaInitException : Exception
{
    public LambdaInitException(string errorType, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
    }

    public LambdaInitException()
        : this("Runtime.Unknown", "The function could not start.")
    {
    }

    public LambdaInitException(string message)
        : this("Runtime.Unknown", message)
    {
    }

    public LambdaInitException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "Runtime.Unknown";
    }

    /// <summary>Lambda's category.reason form, e.g. Runtime.UnknownFunction.</summary>
    public string ErrorType { get; }
}
