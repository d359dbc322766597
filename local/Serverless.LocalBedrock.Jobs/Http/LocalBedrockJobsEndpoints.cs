using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.LocalBedrock.Jobs.AsyncInvoke;
using Serverless.LocalBedrock.Jobs.Batch;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.Http;

/// <summary>
/// The seven REST routes of batch inference (Bedrock control plane) and async invoke (Bedrock runtime), as the AWS
/// SDKs call them. Identifiers use catch-all segments because an ARN may arrive with its '/' encoded or not.
/// </summary>
public static class LocalBedrockJobsEndpoints
{
    private const string StopSuffix = "/stop";

    public static IEndpointRouteBuilder MapLocalBedrockJobs(this IEndpointRouteBuilder endpoints, LocalJobsService jobs)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(jobs);

        endpoints.MapPost("/model-invocation-job", (RequestDelegate)(context => WireIo.HandleAsync(context, async () =>
        {
            var request = await WireIo.ReadBodyAsync(context, JobsJsonContext.Default.CreateModelInvocationJobRequest).ConfigureAwait(false);
            await WireIo.WriteJsonAsync(context, jobs.CreateModelInvocationJob(request), JobsJsonContext.Default.CreateModelInvocationJobResponse).ConfigureAwait(false);
        })));

        endpoints.MapGet("/model-invocation-job/{**jobIdentifier}", (RequestDelegate)(context => WireIo.HandleAsync(context, async () =>
            await WireIo.WriteJsonAsync(context, await jobs.GetModelInvocationJobAsync(WireIo.PathParameter(context, "jobIdentifier"), context.RequestAborted).ConfigureAwait(false),
                JobsJsonContext.Default.ModelInvocationJobDescription).ConfigureAwait(false))));

        endpoints.MapPost("/model-invocation-job/{**rest}", (RequestDelegate)(context => WireIo.HandleAsync(context, async () =>
        {
            var rest = context.Request.RouteValues["rest"] as string ?? string.Empty;
            if (!rest.EndsWith(StopSuffix, StringComparison.Ordinal))
            {
                throw new JobsApiException(StatusCodes.Status404NotFound, "UnknownOperationException", $"No operation is served at POST {context.Request.Path}.");
            }

            jobs.StopModelInvocationJob(Uri.UnescapeDataString(rest[..^StopSuffix.Length]));
            await WireIo.WriteJsonAsync(context, new StopModelInvocationJobResponse(), JobsJsonContext.Default.StopModelInvocationJobResponse).ConfigureAwait(false);
        })));

        endpoints.MapGet("/model-invocation-jobs", (RequestDelegate)(context => WireIo.HandleAsync(context, () =>
        {
            var query = new ModelInvocationJobQuery
            {
                SubmitTimeAfter = WireIo.QueryTimestamp(context, "submitTimeAfter"),
                SubmitTimeBefore = WireIo.QueryTimestamp(context, "submitTimeBefore"),
                StatusEquals = WireIo.QueryString(context, "statusEquals", 1, 64),
                NameContains = WireIo.QueryString(context, "nameContains", 1, 63),
                MaxResults = WireIo.QueryInt(context, "maxResults"),
                NextToken = WireIo.QueryString(context, "nextToken", 1, 2048),
                SortBy = WireIo.QueryString(context, "sortBy", 1, 64),
                SortOrder = WireIo.QueryString(context, "sortOrder", 1, 64),
            };
            return WireIo.WriteJsonAsync(context, jobs.ListModelInvocationJobs(query), JobsJsonContext.Default.ListModelInvocationJobsResponse);
        })));

        endpoints.MapPost("/async-invoke", (RequestDelegate)(context => WireIo.HandleAsync(context, async () =>
        {
            var request = await WireIo.ReadBodyAsync(context, JobsJsonContext.Default.StartAsyncInvokeRequest).ConfigureAwait(false);
            await WireIo.WriteJsonAsync(context, jobs.StartAsyncInvoke(request), JobsJsonContext.Default.StartAsyncInvokeResponse).ConfigureAwait(false);
        })));

        endpoints.MapGet("/async-invoke/{**invocationArn}", (RequestDelegate)(context => WireIo.HandleAsync(context, () =>
            WireIo.WriteJsonAsync(context, jobs.GetAsyncInvoke(WireIo.PathParameter(context, "invocationArn")), JobsJsonContext.Default.AsyncInvokeDescription))));

        endpoints.MapGet("/async-invoke", (RequestDelegate)(context => WireIo.HandleAsync(context, () =>
        {
            var query = new AsyncInvokeQuery
            {
                SubmitTimeAfter = WireIo.QueryTimestamp(context, "submitTimeAfter"),
                SubmitTimeBefore = WireIo.QueryTimestamp(context, "submitTimeBefore"),
                StatusEquals = WireIo.QueryString(context, "statusEquals", 1, 64),
                MaxResults = WireIo.QueryInt(context, "maxResults"),
                NextToken = WireIo.QueryString(context, "nextToken", 1, 2048),
                SortBy = WireIo.QueryString(context, "sortBy", 1, 64),
                SortOrder = WireIo.QueryString(context, "sortOrder", 1, 64),
            };
            return WireIo.WriteJsonAsync(context, jobs.ListAsyncInvokes(query), JobsJsonContext.Default.ListAsyncInvokesResponse);
        })));

        return endpoints;
    }
}
