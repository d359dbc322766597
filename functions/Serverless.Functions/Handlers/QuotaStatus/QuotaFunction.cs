using System.Text.Json;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.Requests;
using Serverless.Functions.Routing;
using Serverless.Quota;

namespace Serverless.Functions.Handlers.QuotaStatus;

/// <summary>
/// GET /v1/quota/{modelId}: the ledger's use against limit for one model, with the caller's own sub-limit where one
/// applies; GET /v1/quota: the same for every configured model. A caller sees its own sub-scope only.
/// </summary>
internal sealed class QuotaFunction(FunctionServices services) : BufferedFunction
{
    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.Resolve(request);
        var ledger = services.Gate.Ledger;
        if (RouteValues.Optional(request, FunctionNames.Quota, "modelId") is { } modelId)
        {
            services.Gate.RequireKnownModel(modelId);
            var status = await ledger.GetStatusAsync(modelId, caller, cancellationToken).ConfigureAwait(false);
            return HttpApiResponse.Json(200, JsonSerializer.SerializeToUtf8Bytes(status, FunctionsJsonContext.Default.QuotaStatus));
        }

        // One read per model (two with a caller rule); in parallel so a DynamoDB-backed ledger answers in one round trip's time.
        var models = services.Configuration.Quota.Models.Keys.Order(StringComparer.Ordinal).ToArray();
        var statuses = await Task.WhenAll(models.Select(id => ledger.GetStatusAsync(id, caller, cancellationToken).AsTask())).ConfigureAwait(false);
        return HttpApiResponse.Json(200, JsonSerializer.SerializeToUtf8Bytes(new QuotaOverview(caller, statuses), FunctionsJsonContext.Default.QuotaOverview));
    }
}
