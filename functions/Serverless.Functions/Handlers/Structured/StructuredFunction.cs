using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;
using Serverless.Functions.Configuration;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;
using Serverless.Quota;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Handlers.Structured;

/// <summary>
/// POST /v1/structured: a JSON document valid against the caller's JSON Schema. Models with native structured output
/// get Converse <c>outputConfig.textFormat</c> json_schema; others one tool with the schema as input, forced. The answer
/// is validated; if invalid, the errors are fed back once for a repair; still invalid → 422 naming the errors. Each of
/// the (at most two) Bedrock calls is admitted by the quota ledger on its own.
/// </summary>
internal sealed class StructuredFunction(FunctionServices services, int routeLimit) : BufferedFunction
{
    private const int MaxAttempts = 2;

    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var input = StructuredInput.Read(request, routeLimit, services.Configuration, services.Gate);
        var converse = input.Request;
        ShapeOutput(converse, input);
        ConverseValidator.Validate(converse);

        var caller = CallerIdentity.Resolve(request);
        var usage = new TokenUsage();
        string problems = "";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var response = await CallAsync(converse, caller, context, cancellationToken).ConfigureAwait(false);
            Add(usage, response.Usage);
            var answer = StructuredAttempt.Read(response, input.Mode, input.SchemaName);
            if (answer.Document is { } document)
            {
                var validation = input.Schema.Validate(document);
                if (validation.IsValid)
                {
                    var mode = input.Mode == StructuredOutputMode.Native ? "native" : "toolUse";
                    var result = new StructuredResult(document, mode, attempt, response.StopReason, usage);
                    return HttpApiResponse.Json(200, JsonSerializer.SerializeToUtf8Bytes(result, FunctionsJsonContext.Default.StructuredResult));
                }

                problems = validation.Describe();
            }
            else
            {
                problems = answer.Problem!;
            }

            converse.Messages = [.. converse.Messages!, .. answer.RepairMessages(problems, input.Mode, input.SchemaName)];
        }

        throw new FunctionException(new FunctionError(422, ErrorCodes.StructuredOutputInvalid,
            $"The model's answer did not match the schema after {MaxAttempts} attempts: {problems.Replace('\n', ';')}", false));
    }

    private async ValueTask<ConverseResponse> CallAsync(ConverseRequest converse, string caller, FunctionContext context, CancellationToken cancellationToken)
    {
        var estimate = Converse.ConverseEstimate.Body(converse.Messages, converse.System, converse.ToolConfig);
        await using var admission = await services.Gate.AdmitAsync(
            new GateRequest(converse.ModelId, caller, converse.InferenceConfig!.MaxTokens!.Value, estimate, CountTokensInputKind.Converse), context, cancellationToken).ConfigureAwait(false);
        ConverseResponse response;
        try
        {
            response = await services.Bedrock.ConverseAsync(converse, cancellationToken).ConfigureAwait(false);
        }
        catch (BedrockException)
        {
            admission.RefusedByBedrock();
            throw;
        }

        admission.Complete(response.Usage);
        return response;
    }

    private static void ShapeOutput(ConverseRequest converse, StructuredInput input)
    {
        if (input.Mode == StructuredOutputMode.Native)
        {
            converse.OutputConfig = new OutputConfig { TextFormat = OutputFormat.JsonSchema(input.SchemaJson.GetRawText(), input.SchemaName) };
            return;
        }

        converse.ToolConfig = new ToolConfiguration
        {
            Tools =
            [
                new Tool
                {
                    ToolSpec = new ToolSpecification
                    {
                        Name = input.SchemaName,
                        Description = "Answer by calling this tool with input that matches its schema.",
                        InputSchema = new ToolInputSchema { Json = input.SchemaJson },
                    },
                },
            ],
            ToolChoice = new ToolChoice { Tool = new SpecificToolChoice { Name = input.SchemaName } },
        };
    }

    private static void Add(TokenUsage total, TokenUsage usage)
    {
        total.InputTokens += usage.InputTokens;
        total.OutputTokens += usage.OutputTokens;
        total.TotalTokens += usage.TotalTokens;
    }
}
