namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// A named function and the factory of its handler. The handler is built on the first invocation, not at start-up, so
/// the first /next goes out as early as possible; a factory that throws is tried again on the next invocation.
/// </summary>
public sealed class FunctionRegistration
{
    private readonly Func<IBufferedLambdaHandler>? _bufferedFactory;
    private readonly Func<IStreamingLambdaHandler>? _streamingFactory;
    private IBufferedLambdaHandler? _buffered;
    private IStreamingLambdaHandler? _streaming;

    internal FunctionRegistration(string name, Func<IBufferedLambdaHandler> factory)
    {
        Name = name;
        _bufferedFactory = factory;
    }

    internal FunctionRegistration(string name, Func<IStreamingLambdaHandler> factory)
    {
        Name = name;
        _streamingFactory = factory;
    }

    public string Name { get; }

    /// <summary>True for a response-streaming function (a Function URL in RESPONSE_STREAM mode or InvokeWithResponseStream).</summary>
    public bool IsStreaming => _streamingFactory is not null;

    internal IBufferedLambdaHandler BufferedHandler =>
        _buffered ??= _bufferedFactory?.Invoke() ?? throw new InvalidOperationException($"Function '{Name}' streams its response; it has no buffered handler.");

    internal IStreamingLambdaHandler StreamingHandler =>
        _streaming ??= _streamingFactory?.Invoke() ?? throw new InvalidOperationException($"Function '{Name}' answers with a buffered response; it has no streaming handler.");
}
