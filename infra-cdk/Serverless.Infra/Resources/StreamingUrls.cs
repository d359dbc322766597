using Amazon.CDK.AWS.Lambda;
using Constructs;
using Serverless.Infra.Contracts;

namespace Serverless.Infra.Resources;

/// <summary>
/// A Function URL per streaming function: RESPONSE_STREAM (API Gateway's HTTP API cannot stream a response) and
/// AWS_IAM (callers sign with SigV4, service <c>lambda</c>). The function matches its own routes against the URL's path.
/// </summary>
public sealed class StreamingUrls : Construct
{
    private readonly Dictionary<string, FunctionUrl> _urls = new(StringComparer.Ordinal);

    public StreamingUrls(Construct scope, string id, IReadOnlyList<HandlerSpec> handlers, HandlerFunctions functions) : base(scope, id)
    {
        foreach (var handler in handlers.Where(h => h.Kind == HandlerKind.Streaming))
        {
            _urls[handler.Name] = functions[handler.Name].AddFunctionUrl(new FunctionUrlOptions
            {
                AuthType = FunctionUrlAuthType.AWS_IAM,
                InvokeMode = InvokeMode.RESPONSE_STREAM,
            });
        }
    }

    /// <summary>Handler name → its URL.</summary>
    public IReadOnlyDictionary<string, FunctionUrl> Urls => _urls;
}
