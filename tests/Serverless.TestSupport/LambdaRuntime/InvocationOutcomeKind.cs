namespace Serverless.TestSupport;

public enum InvocationOutcomeKind
{
    /// <summary>POST /response with the whole body.</summary>
    Response,

    /// <summary>POST /response in streaming mode (chunked body, maybe trailers).</summary>
    StreamedResponse,

    /// <summary>POST /error.</summary>
    Error,
}
