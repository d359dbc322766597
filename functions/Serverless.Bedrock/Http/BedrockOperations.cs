namespace Serverless.Bedrock.Http;

/// <summary>The twelve operations this client speaks, transcribed from the botocore service models.</summary>
internal static class BedrockOperations
{
    private static readonly HttpBinding ModelIdLabel = new("modelId", BindingLocation.Path, "modelId");

    private static readonly HttpBinding[] InvokeModelCommonHeaders =
    [
        new("contentType", BindingLocation.Header, "Content-Type"),
        new("trace", BindingLocation.Header, "X-Amzn-Bedrock-Trace"),
        new("guardrailIdentifier", BindingLocation.Header, "X-Amzn-Bedrock-GuardrailIdentifier"),
        new("guardrailVersion", BindingLocation.Header, "X-Amzn-Bedrock-GuardrailVersion"),
        new("performanceConfigLatency", BindingLocation.Header, "X-Amzn-Bedrock-PerformanceConfig-Latency"),
        new("serviceTier", BindingLocation.Header, "X-Amzn-Bedrock-Service-Tier"),
        new("requestMetadata", BindingLocation.Header, "X-Amzn-Bedrock-Request-Metadata"),
    ];

    public static readonly OperationDescriptor InvokeModel = new(
        "InvokeModel", BedrockService.Runtime, "POST", "/model/{modelId}/invoke",
        [ModelIdLabel, new("accept", BindingLocation.Header, "Accept"), .. InvokeModelCommonHeaders],
        [
            new("contentType", BindingLocation.Header, "Content-Type"),
            new("performanceConfigLatency", BindingLocation.Header, "X-Amzn-Bedrock-PerformanceConfig-Latency"),
            new("serviceTier", BindingLocation.Header, "X-Amzn-Bedrock-Service-Tier"),
        ],
        HasJsonBody: false);

    public static readonly OperationDescriptor InvokeModelWithResponseStream = new(
        "InvokeModelWithResponseStream", BedrockService.Runtime, "POST", "/model/{modelId}/invoke-with-response-stream",
        [ModelIdLabel, new("accept", BindingLocation.Header, "X-Amzn-Bedrock-Accept"), .. InvokeModelCommonHeaders],
        [
            new("contentType", BindingLocation.Header, "X-Amzn-Bedrock-Content-Type"),
            new("performanceConfigLatency", BindingLocation.Header, "X-Amzn-Bedrock-PerformanceConfig-Latency"),
            new("serviceTier", BindingLocation.Header, "X-Amzn-Bedrock-Service-Tier"),
        ],
        HasJsonBody: false);

    public static readonly OperationDescriptor Converse = new(
        "Converse", BedrockService.Runtime, "POST", "/model/{modelId}/converse", [ModelIdLabel], [], HasJsonBody: true);

    public static readonly OperationDescriptor ConverseStream = new(
        "ConverseStream", BedrockService.Runtime, "POST", "/model/{modelId}/converse-stream", [ModelIdLabel], [], HasJsonBody: true);

    public static readonly OperationDescriptor CountTokens = new(
        "CountTokens", BedrockService.Runtime, "POST", "/model/{modelId}/count-tokens", [ModelIdLabel], [], HasJsonBody: true);

    public static readonly OperationDescriptor StartAsyncInvoke = new(
        "StartAsyncInvoke", BedrockService.Runtime, "POST", "/async-invoke", [], [], HasJsonBody: true);

    public static readonly OperationDescriptor GetAsyncInvoke = new(
        "GetAsyncInvoke", BedrockService.Runtime, "GET", "/async-invoke/{invocationArn}",
        [new("invocationArn", BindingLocation.Path, "invocationArn")], [], HasJsonBody: false);

    public static readonly OperationDescriptor ListAsyncInvokes = new(
        "ListAsyncInvokes", BedrockService.Runtime, "GET", "/async-invoke",
        [
            new("submitTimeAfter", BindingLocation.Query, "submitTimeAfter"),
            new("submitTimeBefore", BindingLocation.Query, "submitTimeBefore"),
            new("statusEquals", BindingLocation.Query, "statusEquals"),
            new("maxResults", BindingLocation.Query, "maxResults"),
            new("nextToken", BindingLocation.Query, "nextToken"),
            new("sortBy", BindingLocation.Query, "sortBy"),
            new("sortOrder", BindingLocation.Query, "sortOrder"),
        ],
        [], HasJsonBody: false);

    public static readonly OperationDescriptor CreateModelInvocationJob = new(
        "CreateModelInvocationJob", BedrockService.ControlPlane, "POST", "/model-invocation-job", [], [], HasJsonBody: true);

    public static readonly OperationDescriptor GetModelInvocationJob = new(
        "GetModelInvocationJob", BedrockService.ControlPlane, "GET", "/model-invocation-job/{jobIdentifier}",
        [new("jobIdentifier", BindingLocation.Path, "jobIdentifier")], [], HasJsonBody: false);

    public static readonly OperationDescriptor ListModelInvocationJobs = new(
        "ListModelInvocationJobs", BedrockService.ControlPlane, "GET", "/model-invocation-jobs",
        [
            new("submitTimeAfter", BindingLocation.Query, "submitTimeAfter"),
            new("submitTimeBefore", BindingLocation.Query, "submitTimeBefore"),
            new("statusEquals", BindingLocation.Query, "statusEquals"),
            new("nameContains", BindingLocation.Query, "nameContains"),
            new("maxResults", BindingLocation.Query, "maxResults"),
            new("nextToken", BindingLocation.Query, "nextToken"),
            new("sortBy", BindingLocation.Query, "sortBy"),
            new("sortOrder", BindingLocation.Query, "sortOrder"),
        ],
        [], HasJsonBody: false);

    public static readonly OperationDescriptor StopModelInvocationJob = new(
        "StopModelInvocationJob", BedrockService.ControlPlane, "POST", "/model-invocation-job/{jobIdentifier}/stop",
        [new("jobIdentifier", BindingLocation.Path, "jobIdentifier")], [], HasJsonBody: false);

    public static IReadOnlyList<OperationDescriptor> All { get; } =
    [
        InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream, CountTokens, StartAsyncInvoke,
        GetAsyncInvoke, ListAsyncInvokes, CreateModelInvocationJob, GetModelInvocationJob, ListModelInvocationJobs,
        StopModelInvocationJob,
    ];
}
