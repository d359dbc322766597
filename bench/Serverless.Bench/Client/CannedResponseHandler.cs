using System.Net;

namespace Serverless.Bench.Client;

/// <summary>Answers every request at once with the same bytes: isolates client cost from any network or server.</summary>
internal sealed class CannedResponseHandler(byte[] body, string contentType = "application/json") : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // Read the body as a real transport would, so serialization cost is not optimized away.
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
