using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// Sits between the functions' Bedrock client and the local Bedrock and rewrites the first Converse reply (the model
/// "getting it wrong" once); every later request passes untouched. Counts the Converse requests it saw.
/// </summary>
internal sealed class FirstReplyRewriter(Action<JsonNode> rewrite) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _converseCalls;

    public int ConverseCalls => _converseCalls;

    public List<JsonNode> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isConverse = request.RequestUri!.AbsolutePath.EndsWith("/converse", StringComparison.Ordinal);
        if (isConverse && request.Content is not null)
        {
            lock (Requests)
            {
                Requests.Add(JsonNode.Parse(request.Content.ReadAsStringAsync(cancellationToken).GetAwaiter().GetResult())!);
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (!isConverse || Interlocked.Increment(ref _converseCalls) != 1 || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        rewrite(body);
        response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return response;
    }
}
