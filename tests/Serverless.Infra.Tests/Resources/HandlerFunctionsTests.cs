using System.Text.Json.Nodes;
using Serverless.Functions.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Resources;

public sealed class HandlerFunctionsTests(DefaultStack stack)
{
    public static TheoryData<string, int, int> DefaultSizes => new()
    {
        { HandlerNames.Invoke, 512, 30 },
        { HandlerNames.Quota, 512, 30 },
        { "batch", 512, 30 },
        { HandlerNames.InvokeStream, 512, 300 },
        { HandlerNames.ConverseStream, 512, 300 },
        { HandlerNames.BatchPrepare, 3008, 900 },
        { HandlerNames.BatchAdmit, 256, 60 },
        { HandlerNames.BatchRelease, 256, 60 },
        { HandlerNames.BatchFanOut, 1024, 900 },
        { HandlerNames.BatchRetry, 1024, 900 },
        { HandlerNames.BatchSummarize, 1024, 900 },
    };

    [Theory]
    [MemberData(nameof(DefaultSizes))]
    public void Each_function_has_its_own_memory_and_timeout(string handler, int memory, int timeout)
    {
        var function = stack.View.Properties(stack.View.FunctionOf(handler));

        Assert.Equal(memory, function["MemorySize"]!.GetValue<int>());
        Assert.Equal(timeout, function["Timeout"]!.GetValue<int>());
    }

    [Fact]
    public void On_the_custom_runtime_the_handler_setting_names_the_function()
    {
        foreach (var id in stack.View.FunctionIds)
        {
            var function = stack.View.Properties(id);
            Assert.Equal("provided.al2023", function["Runtime"]!.GetValue<string>());
            var handler = function["Handler"]!.GetValue<string>();
            Assert.StartsWith(handler + " (", function["Description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain(DeployedEnvironment.FunctionHandler, stack.View.EnvironmentOf(id).Keys);
        }
    }

    [Fact]
    public void On_the_managed_runtime_the_assembly_is_the_handler_and_FUNCTION_HANDLER_names_the_function()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["deployMode"] = "r2r"));

        foreach (var handler in new[] { HandlerNames.Invoke, HandlerNames.BatchRetry })
        {
            var id = synthesized.View.FunctionOf(handler);
            var function = synthesized.View.Properties(id);
            Assert.Equal("dotnet10", function["Runtime"]!.GetValue<string>());
            Assert.Equal("Serverless.Functions.Lambda", function["Handler"]!.GetValue<string>());
            Assert.Equal(handler, synthesized.View.EnvironmentOf(id)[DeployedEnvironment.FunctionHandler]);
        }
    }

    [Fact]
    public void Configured_sizes_override_the_defaults()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["functions"] = JsonNode.Parse("""{"converse": {"memoryMb": 1769, "timeoutSeconds": 29}}""")));

        var function = synthesized.View.Properties(synthesized.View.FunctionOf(HandlerNames.Converse));
        Assert.Equal(1769, function["MemorySize"]!.GetValue<int>());
        Assert.Equal(29, function["Timeout"]!.GetValue<int>());
    }

    [Fact]
    public void Every_function_has_its_own_role_without_managed_policies()
    {
        var roles = stack.View.FunctionIds.Select(stack.View.RoleOf).ToList();

        Assert.Equal(roles.Count, roles.Distinct().Count());
        foreach (var role in roles)
        {
            var properties = stack.View.Properties(role);
            Assert.Null(properties["ManagedPolicyArns"]);
            var trust = Assert.Single(stack.View.TrustOf(role));
            Assert.Equal("lambda.amazonaws.com", trust.Raw["Principal"]!["Service"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Every_function_logs_to_its_own_group_with_the_configured_retention_and_may_write_only_there()
    {
        foreach (var id in stack.View.FunctionIds)
        {
            var logGroupRef = stack.View.Properties(id)["LoggingConfig"]!["LogGroup"]!["Ref"]!.GetValue<string>();
            Assert.Equal(30, stack.View.Properties(logGroupRef)["RetentionInDays"]!.GetValue<int>());

            var logStatements = stack.View.StatementsOfRole(stack.View.RoleOf(id)).Where(s => s.Actions.Any(a => a.StartsWith("logs:", StringComparison.Ordinal))).ToList();
            var statement = Assert.Single(logStatements);
            Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], statement.Actions);
            Assert.Equal([$"${{{logGroupRef}.Arn}}"], statement.Resources);
        }

        var groups = stack.View.FunctionIds.Select(id => stack.View.Properties(id)["LoggingConfig"]!["LogGroup"]!["Ref"]!.GetValue<string>()).ToList();
        Assert.Equal(groups.Count, groups.Distinct().Count());
    }

    [Fact]
    public void The_log_retention_comes_from_the_environment()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["environments"]![InfraContext.Environment]!["logRetentionDays"] = 90));

        Assert.All(synthesized.View.OfType("AWS::Logs::LogGroup"), g => Assert.Equal(90, g.Resource["Properties"]!["RetentionInDays"]!.GetValue<int>()));
    }

    [Fact]
    public void Ledger_gated_functions_read_the_ledger_from_dynamodb_with_the_rendered_configuration()
    {
        var configuration = stack.Value.Stack.Configuration;
        var quotaTable = stack.View.OfType("AWS::DynamoDB::Table").Single(t => t.Id.StartsWith("DataQuotaTable", StringComparison.Ordinal)).Id;

        foreach (var handler in new[] { HandlerNames.Invoke, HandlerNames.InvokeStream, HandlerNames.Converse, HandlerNames.Structured, HandlerNames.Quota, HandlerNames.BatchRetry, HandlerNames.BatchAdmit })
        {
            var variables = stack.View.EnvironmentOf(stack.View.FunctionOf(handler));
            Assert.Equal("dynamodb", variables[FunctionsEnvironment.QuotaStore]);
            Assert.Equal($"${{{quotaTable}}}", variables[FunctionsEnvironment.QuotaTable]);
            Assert.Equal(configuration.QuotaJson, variables[FunctionsEnvironment.QuotaConfig]);
            Assert.Equal(configuration.ModelsJson, variables[FunctionsEnvironment.ModelsConfig]);
            Assert.Equal("BedrockServerless/test", variables[DeployedEnvironment.MetricsNamespace]);
        }
    }

    [Fact]
    public void Only_the_converse_functions_learn_the_conversation_table()
    {
        foreach (var id in stack.View.FunctionIds)
        {
            var handler = stack.View.Properties(id)["Handler"]!.GetValue<string>();
            var variables = stack.View.EnvironmentOf(id);
            var keepsConversations = handler is HandlerNames.Converse or HandlerNames.ConverseStream;
            Assert.Equal(keepsConversations, variables.ContainsKey(FunctionsEnvironment.ConversationTable));
            Assert.Equal(keepsConversations ? "dynamodb" : null, variables.GetValueOrDefault(FunctionsEnvironment.ConversationStore));
        }
    }

    [Fact]
    public void The_batch_steps_get_the_work_prefix_results_table_and_job_quotas()
    {
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        var results = stack.View.OfType("AWS::DynamoDB::Table").Single(t => t.Id.StartsWith("DataResultsTable", StringComparison.Ordinal)).Id;

        foreach (var step in HandlerCatalog.BatchSteps)
        {
            var variables = stack.View.EnvironmentOf(stack.View.FunctionOf(step));
            Assert.Equal($"s3://${{{bucket}}}/batch/", variables[DeployedEnvironment.BatchWorkPrefix]);
            Assert.Equal($"${{{results}}}", variables[DeployedEnvironment.BatchResultsTable]);
            Assert.Equal(stack.Value.Stack.Configuration.BatchJobQuotasJson, variables[DeployedEnvironment.BatchJobQuotas]);
            Assert.Equal("10", variables[DeployedEnvironment.BatchJobsPerModel]); // the smaller of 20 and 10
            Assert.DoesNotContain(FunctionsEnvironment.BatchStateMachineArn, variables.Keys);
        }
    }

    [Fact]
    public void The_batch_route_knows_its_state_machine_input_prefix_and_pending_store()
    {
        var variables = stack.View.EnvironmentOf(stack.View.FunctionOf("batch"));
        var stateMachine = stack.View.OfType("AWS::StepFunctions::StateMachine").Single().Id;
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        var results = stack.View.OfType("AWS::DynamoDB::Table").Single(t => t.Id.StartsWith("DataResultsTable", StringComparison.Ordinal)).Id;

        Assert.Equal($"${{{stateMachine}}}", variables[FunctionsEnvironment.BatchStateMachineArn]);
        Assert.Equal($"s3://${{{bucket}}}/batch/incoming/", variables[FunctionsEnvironment.BatchInputPrefix]);
        Assert.Equal($"s3://${{{bucket}}}/batch/runs/", variables[FunctionsEnvironment.BatchResultsPrefix]);
        Assert.Equal("dynamodb", variables[FunctionsEnvironment.BatchPendingStore]);
        Assert.Equal($"${{{results}}}", variables[FunctionsEnvironment.BatchResultsTable]);
    }

    [Fact]
    public void Every_function_environment_is_one_the_functions_configuration_reader_accepts()
    {
        foreach (var id in stack.View.FunctionIds)
        {
            // Deploy-time values in place of the template's references.
            var variables = stack.View.EnvironmentOf(id).ToDictionary(
                v => v.Key,
                v => v.Key == FunctionsEnvironment.BatchStateMachineArn
                    ? "arn:aws:states:us-east-1:123456789012:stateMachine:batch"
                    : System.Text.RegularExpressions.Regex.Replace(v.Value, @"\$\{[^}]+\}", "deployed-name"));

            var configuration = FunctionsEnvironment.Load(name => variables.GetValueOrDefault(name));

            Assert.Equal(QuotaStoreKind.DynamoDb, configuration.QuotaStore);
            Assert.Equal("deployed-name", configuration.QuotaTableName);
            if (stack.View.Properties(id)["Handler"]!.GetValue<string>() == "batch")
            {
                Assert.Equal(PendingBatchStoreKind.DynamoDb, configuration.BatchPendingStore);
                Assert.Equal("deployed-name", configuration.BatchResultsTableName);
            }
        }
    }

    [Fact]
    public void Async_start_knows_where_outputs_may_go()
    {
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        Assert.Equal($"s3://${{{bucket}}}/async/", stack.View.EnvironmentOf(stack.View.FunctionOf(HandlerNames.AsyncStart))[DeployedEnvironment.AsyncOutputPrefix]);
    }

    [Fact]
    public void Extra_environment_variables_reach_every_function_but_never_replace_the_stack_own()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["environment"] = JsonNode.Parse("""{"CONVERSATION_TOKEN_BUDGET": "16000", "QUOTA_STORE": "memory"}""")));

        foreach (var id in synthesized.View.FunctionIds)
        {
            var variables = synthesized.View.EnvironmentOf(id);
            Assert.Equal("16000", variables["CONVERSATION_TOKEN_BUDGET"]);
            Assert.Equal("dynamodb", variables["QUOTA_STORE"]);
        }
    }

    [Fact]
    public void An_environment_lambda_would_refuse_for_size_fails_the_synth()
    {
        var error = Assert.Throws<Serverless.Infra.Configuration.InfraSettingsException>(() => Synthesizer.Synth(
            InfraContext.With(c => c["environment"] = new JsonObject { ["PADDING"] = new string('x', 4000) })));

        Assert.Contains("Lambda allows 4 KB in all", error.Message, StringComparison.Ordinal);
    }
}
