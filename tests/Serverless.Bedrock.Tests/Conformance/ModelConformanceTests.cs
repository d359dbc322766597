using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serverless.Bedrock.Http;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Tests.Support;

namespace Serverless.Bedrock.Tests.Conformance;

/// <summary>
/// Checks the client's operation table and its source-generated JSON contracts against the botocore models (newest)
/// and the Smithy models (older snapshot): HTTP method, URI, bound members, and every JSON property name, recursively.
/// </summary>
public sealed class ModelConformanceTests
{
    private static readonly Lazy<ServiceModel> BotocoreRuntime = new(() => ServiceModel.Botocore("bedrock-runtime", "2023-09-30"));
    private static readonly Lazy<ServiceModel> BotocoreControl = new(() => ServiceModel.Botocore("bedrock", "2023-04-20"));
    private static readonly Lazy<ServiceModel> SmithyRuntime = new(() => ServiceModel.Smithy("bedrock-runtime.json"));
    private static readonly Lazy<ServiceModel> SmithyControl = new(() => ServiceModel.Smithy("bedrock.json"));

    /// <summary>
    /// Members the botocore models (2026-07) have and the Smithy snapshot (2025-09) does not yet. Any other name
    /// missing from Smithy fails the test.
    /// </summary>
    private static readonly HashSet<string> NewerThanSmithy =
    [
        "ConverseRequest.serviceTier", "ConverseRequest.outputConfig", "ConverseStreamRequest.serviceTier",
        "ConverseStreamRequest.outputConfig", "ConverseResponse.serviceTier", "ConverseStreamMetadataEvent.serviceTier",
        "ToolUseBlock.type", "ToolResultBlock.type", "ToolUseBlockStart.type", "ToolResultBlockStart.type",
        "ToolResultBlockStart.status", "ToolSpecification.strict", "Tool.systemTool", "ContentBlock.toolAddition",
        "ContentBlock.toolRemoval", "ContentBlockStart.toolResult", "ContentBlockStart.image", "ContentBlockDelta.toolResult",
        "ContentBlockDelta.image", "ToolResultContentBlock.searchResult", "ImageBlock.error", "AudioBlock.error",
        "ContentBlock.audio", "CachePointBlock.ttl", "TokenUsage.cacheDetails", "GetModelInvocationJobResponse.modelInvocationType",
        "CreateModelInvocationJobRequest.modelInvocationType", "ModelInvocationJobSummary.modelInvocationType",
        "Citation.source", "CitationsDelta.source", "CitationLocation.web", "CitationLocation.searchResultLocation",
        "ContentBlock.searchResult", "ConverseTokensRequest.toolConfig", "ConverseTokensRequest.additionalModelRequestFields",
        "ModelInvocationJobSummary.totalRecordCount", "ModelInvocationJobSummary.processedRecordCount",
        "ModelInvocationJobSummary.successRecordCount", "ModelInvocationJobSummary.errorRecordCount",
        "GetModelInvocationJobResponse.totalRecordCount", "GetModelInvocationJobResponse.processedRecordCount",
        "GetModelInvocationJobResponse.successRecordCount", "GetModelInvocationJobResponse.errorRecordCount",
    ];

    /// <summary>HTTP bindings newer than the Smithy snapshot (operation.member).</summary>
    private static readonly HashSet<string> BindingsNewerThanSmithy =
    [
        "InvokeModel.requestMetadata", "InvokeModelWithResponseStream.requestMetadata",
        "InvokeModel.serviceTier", "InvokeModelWithResponseStream.serviceTier",
    ];

    public static TheoryData<string> Operations() => [.. BedrockOperations.All.Select(o => o.Name)];

    public static TheoryData<string, string> OperationsPerModel() =>
    [
        .. BedrockOperations.All.SelectMany(o => new[] { (o.Name, "botocore"), (o.Name, "smithy") }),
    ];

    [Theory]
    [MemberData(nameof(OperationsPerModel))]
    public void Http_binding_matches_the_model(string operationName, string modelKind)
    {
        var descriptor = BedrockOperations.All.Single(o => o.Name == operationName);
        var model = ModelFor(descriptor, modelKind);
        var operation = model.Operations[operationName];

        Assert.Equal(operation.Method, descriptor.Method);
        Assert.Equal(operation.Uri, descriptor.UriTemplate);

        var input = model.Resolve(operation.Input);
        var expectedBindings = input.Members.Values.Where(m => m.Location is not null)
            .Select(m => $"{m.Name}->{m.Location}:{m.WireName}").Order(StringComparer.Ordinal);
        var actualBindings = descriptor.RequestBindings
            .Where(b => modelKind == "botocore" || !BindingsNewerThanSmithy.Contains($"{operationName}.{b.Member}"))
            .Select(b => $"{b.Member}->{b.Location.ToString().ToLowerInvariant()}:{b.WireName}").Order(StringComparer.Ordinal);
        Assert.Equal(expectedBindings, actualBindings);

        var output = model.Resolve(operation.Output);
        var expectedResponseHeaders = output.Members.Values.Where(m => m.Location == "header")
            .Select(m => $"{m.Name}:{m.WireName}").Order(StringComparer.Ordinal);
        Assert.Equal(expectedResponseHeaders, descriptor.ResponseHeaders
            .Where(b => modelKind == "botocore" || !BindingsNewerThanSmithy.Contains($"{operationName}.{b.Member}"))
            .Select(b => $"{b.Member}:{b.WireName}").Order(StringComparer.Ordinal));

        // A JSON body exists exactly when some input member is neither bound nor a raw payload.
        var hasBodyMembers = input.Members.Values.Any(m => m.Location is null) && input.Members.Values.All(m => m.Name != "body");
        Assert.Equal(hasBodyMembers, descriptor.HasJsonBody);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Required_input_members_are_bound_or_in_the_json_contract(string operationName)
    {
        var descriptor = BedrockOperations.All.Single(o => o.Name == operationName);
        var model = ModelFor(descriptor, "botocore");
        var input = model.Resolve(model.Operations[operationName].Input);
        var (requestType, _) = Contracts(operationName);
        var jsonNames = requestType is null ? [] : JsonNames(BedrockJsonContext.Default.GetTypeInfo(requestType)!);
        foreach (var member in input.Members.Values.Where(m => m.Required))
        {
            var bound = descriptor.RequestBindings.Any(b => b.Member == member.Name);
            var payload = member.Name == "body" && !descriptor.HasJsonBody;
            Assert.True(bound || payload || jsonNames.Contains(member.Name),
                $"{operationName}: required member '{member.Name}' is neither bound nor a JSON property");
        }
    }

    [Theory]
    [MemberData(nameof(OperationsPerModel))]
    public void Json_contracts_match_the_model_shapes(string operationName, string modelKind)
    {
        var descriptor = BedrockOperations.All.Single(o => o.Name == operationName);
        var model = ModelFor(descriptor, modelKind);
        var operation = model.Operations[operationName];
        var (requestType, responseType) = Contracts(operationName);
        var problems = new List<string>();
        if (requestType is not null)
        {
            Compare(model, operation.Input, requestType, problems, []);
        }

        if (responseType is not null)
        {
            Compare(model, operation.Output, responseType, problems, []);
        }

        foreach (var (member, eventType) in StreamEvents(operationName))
        {
            var streamShape = model.Resolve(model.Resolve(operation.Output).Members.Values.Single(m => m.Location is null).Target);
            Compare(model, streamShape.Members[member].Target, eventType, problems, []);
        }

        if (modelKind == "smithy")
        {
            problems.RemoveAll(p => NewerThanSmithy.Any(n => p.StartsWith(n + " ", StringComparison.Ordinal)));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Converse_output_config_is_the_2026_structured_output_shape()
    {
        var model = BotocoreRuntime.Value;
        var outputFormat = model.Resolve(model.Resolve("OutputConfig").Members["textFormat"].Target);
        Assert.True(outputFormat.Members["type"].Required && outputFormat.Members["structure"].Required);
        var schema = model.Resolve(model.Resolve(outputFormat.Members["structure"].Target).Members["jsonSchema"].Target);
        Assert.Equal("String", schema.Members["schema"].Target);

        var json = JsonSerializer.Serialize(new OutputConfig { TextFormat = OutputFormat.JsonSchema("{\"type\":\"object\"}", "person", "a person") },
            BedrockJsonContext.Default.OutputConfig);
        Assert.Equal("{\"textFormat\":{\"type\":\"json_schema\",\"structure\":{\"jsonSchema\":{\"schema\":\"{\\u0022type\\u0022:\\u0022object\\u0022}\",\"name\":\"person\",\"description\":\"a person\"}}}}", json);
    }

    private static void Compare(ServiceModel model, string shapeName, Type type, List<string> problems, HashSet<Type> seen)
    {
        var typeInfo = BedrockJsonContext.Default.GetTypeInfo(type)
                       ?? throw new InvalidOperationException($"{type.Name} has no source-generated metadata");
        var shape = model.Resolve(shapeName);
        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object when type == typeof(JsonElement):
                break;
            case JsonTypeInfoKind.Object:
                if (!seen.Add(type))
                {
                    return;
                }

                if (shape.Type is not ("structure" or "union"))
                {
                    problems.Add($"{type.Name} maps to {shapeName}, a {shape.Type}, not a structure");
                    return;
                }

                foreach (var property in WireProperties(typeInfo))
                {
                    if (!shape.Members.TryGetValue(property.Name, out var member) || member.Location is not null)
                    {
                        problems.Add($"{type.Name}.{property.Name} is not a body member of {model.Source} shape {shapeName}");
                        continue;
                    }

                    Compare(model, member.Target, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, problems, seen);
                }

                var names = WireProperties(typeInfo).Select(p => p.Name).ToHashSet();
                foreach (var required in shape.Members.Values.Where(m => m.Required && m.Location is null && m.Name != "body" && !names.Contains(m.Name)))
                {
                    problems.Add($"{type.Name}.{required.Name} is required by {model.Source} shape {shapeName} but missing");
                }

                break;
            case JsonTypeInfoKind.Enumerable when type != typeof(byte[]):
                if (shape.ListMember is null)
                {
                    problems.Add($"{type.Name} maps to {shapeName}, which is not a list");
                    return;
                }

                Compare(model, shape.ListMember, typeInfo.ElementType!, problems, seen);
                break;
            case JsonTypeInfoKind.Dictionary:
                if (shape.MapValue is null)
                {
                    problems.Add($"{type.Name} maps to {shapeName}, which is not a map");
                    return;
                }

                Compare(model, shape.MapValue, typeInfo.ElementType!, problems, seen);
                break;
        }

        if (type == typeof(JsonElement) && shape.Type is not ("document" or "structure"))
        {
            problems.Add($"JsonElement maps to {shapeName}, a {shape.Type}");
        }
    }

    private static HashSet<string> JsonNames(JsonTypeInfo typeInfo) => WireProperties(typeInfo).Select(p => p.Name).ToHashSet();

    /// <summary>Properties that reach the JSON: [JsonIgnore]d ones (HTTP-bound members) have neither getter nor setter.</summary>
    private static IEnumerable<JsonPropertyInfo> WireProperties(JsonTypeInfo typeInfo) =>
        typeInfo.Properties.Where(p => !p.IsExtensionData && (p.Get is not null || p.Set is not null));

    private static ServiceModel ModelFor(OperationDescriptor descriptor, string kind) => (descriptor.Service, kind) switch
    {
        (BedrockService.Runtime, "botocore") => BotocoreRuntime.Value,
        (BedrockService.Runtime, _) => SmithyRuntime.Value,
        (_, "botocore") => BotocoreControl.Value,
        _ => SmithyControl.Value,
    };

    /// <summary>The JSON request and response types of each operation (null where the body is not JSON).</summary>
    private static (Type? Request, Type? Response) Contracts(string operation) => operation switch
    {
        "Converse" => (typeof(ConverseRequest), typeof(ConverseResponse)),
        "ConverseStream" => (typeof(ConverseStreamRequest), null),
        "CountTokens" => (typeof(CountTokensRequest), typeof(CountTokensResponse)),
        "StartAsyncInvoke" => (typeof(StartAsyncInvokeRequest), typeof(StartAsyncInvokeResponse)),
        "GetAsyncInvoke" => (typeof(GetAsyncInvokeRequest), typeof(GetAsyncInvokeResponse)),
        "ListAsyncInvokes" => (typeof(ListAsyncInvokesRequest), typeof(ListAsyncInvokesResponse)),
        "CreateModelInvocationJob" => (typeof(CreateModelInvocationJobRequest), typeof(CreateModelInvocationJobResponse)),
        "GetModelInvocationJob" => (typeof(GetModelInvocationJobRequest), typeof(GetModelInvocationJobResponse)),
        "ListModelInvocationJobs" => (typeof(ListModelInvocationJobsRequest), typeof(ListModelInvocationJobsResponse)),
        "StopModelInvocationJob" => (typeof(StopModelInvocationJobRequest), typeof(StopModelInvocationJobResponse)),
        _ => (null, null),
    };

    private static IEnumerable<(string Member, Type Type)> StreamEvents(string operation) => operation switch
    {
        "ConverseStream" =>
        [
            ("messageStart", typeof(MessageStartEvent)), ("contentBlockStart", typeof(ContentBlockStartEvent)),
            ("contentBlockDelta", typeof(ContentBlockDeltaEvent)), ("contentBlockStop", typeof(ContentBlockStopEvent)),
            ("messageStop", typeof(MessageStopEvent)), ("metadata", typeof(ConverseStreamMetadataEvent)),
        ],
        "InvokeModelWithResponseStream" => [("chunk", typeof(PayloadPart))],
        _ => [],
    };
}
