namespace Serverless.Infra.Contracts;

public enum HandlerKind
{
    /// <summary>Behind the HTTP API (payload format 2.0), answering once.</summary>
    Http,

    /// <summary>Behind its own Function URL in RESPONSE_STREAM mode (API Gateway's HTTP API cannot stream).</summary>
    Streaming,

    /// <summary>A Task of the batch state machine.</summary>
    BatchStep,
}
