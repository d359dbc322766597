namespace Serverless.Functions.Http;

/// <summary>
/// Where a streaming function writes its response: the status line and headers once, then body bytes as they are
/// produced. The Lambda host turns it into a Function URL response stream (the HTTP integration prelude, then the
/// body); the local host writes straight to Kestrel's response body.
/// </summary>
public interface IHttpResponseStream
{
    /// <summary>True once <see cref="StartAsync"/> has run: the status can no longer change.</summary>
    bool HasStarted { get; }

    /// <summary>Sends the status code and headers. Call once, before any body bytes.</summary>
    ValueTask StartAsync(int statusCode, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);

    /// <summary>Appends body bytes (after <see cref="StartAsync"/>).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Pushes what was written so far to the client.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
