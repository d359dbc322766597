using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Security;

/// <summary>The negative checks over every policy in the template: what nobody may be allowed.</summary>
public sealed class LeastPrivilegeTests(DefaultStack stack)
{
    /// <summary>CloudWatch Logs delivery for the state machine's logging: these actions have no resource-level permissions.</summary>
    private static readonly string[] ActionsWithoutResourceLevelPermissions =
    [
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
    ];

    [Fact]
    public void No_allow_statement_anywhere_has_a_wildcard_action()
    {
        var allows = stack.View.Statements().Where(s => s.Allows).ToList();

        Assert.NotEmpty(allows);
        Assert.All(allows, s => Assert.All(s.Actions, action => Assert.DoesNotContain("*", action, StringComparison.Ordinal)));
        Assert.All(allows, s => Assert.Null(s.Raw["NotAction"]));
        Assert.All(allows, s => Assert.Null(s.Raw["NotResource"]));
    }

    [Fact]
    public void The_only_wildcard_actions_are_the_bucket_denies_of_insecure_transport()
    {
        var wildcards = stack.View.Statements().Where(s => s.Actions.Any(a => a.Contains('*', StringComparison.Ordinal))).ToList();

        Assert.Equal(2, wildcards.Count);
        Assert.All(wildcards, s =>
        {
            Assert.Equal("Deny", s.Effect);
            Assert.Equal("AWS::S3::BucketPolicy", s.OwnerType);
        });
    }

    [Fact]
    public void A_star_resource_is_allowed_only_for_actions_without_resource_level_permissions()
    {
        var starred = stack.View.Statements().Where(s => s.Allows && s.Resources.Contains("*")).ToList();

        var statement = Assert.Single(starred);
        Assert.Equal(ActionsWithoutResourceLevelPermissions.Order(), statement.Actions.Order());
        Assert.Equal([stack.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("BatchStateMachineRole", StringComparison.Ordinal)).Id], statement.Roles);
    }

    [Fact]
    public void Bedrock_actions_name_only_the_configured_models_profiles_jobs_and_async_invocations()
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal)
        {
            $"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}::foundation-model/{InfraContext.OnDemandModel}",
            $"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}:${{AWS::AccountId}}:inference-profile/{InfraContext.ProfileModel}",
            "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:model-invocation-job/*",
            "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:async-invoke/*",
        };
        foreach (var region in InfraContext.ProfileRegions)
        {
            allowed.Add($"arn:${{AWS::Partition}}:bedrock:{region}::foundation-model/{InfraContext.ProfileFoundationModel}");
        }

        var bedrock = stack.View.Statements().Where(s => s.Actions.Any(a => a.StartsWith("bedrock:", StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(bedrock);
        Assert.All(bedrock, s =>
        {
            Assert.All(s.Actions, a => Assert.StartsWith("bedrock:", a, StringComparison.Ordinal));
            Assert.All(s.Resources, r => Assert.Contains(r, allowed));
        });
    }

    [Fact]
    public void A_profile_destination_model_is_invocable_only_through_that_profile()
    {
        var profileArn = $"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}:${{AWS::AccountId}}:inference-profile/{InfraContext.ProfileModel}";
        var destinations = stack.View.Statements()
            .Where(s => s.Resources.Any(r => r.EndsWith("::foundation-model/" + InfraContext.ProfileFoundationModel, StringComparison.Ordinal)))
            .Where(s => !s.Actions.Contains("bedrock:CreateModelInvocationJob"))
            .ToList();

        Assert.NotEmpty(destinations);
        Assert.All(destinations, s =>
        {
            Assert.Equal(profileArn, s.ConditionValue("StringEquals", "bedrock:InferenceProfileArn"));
            Assert.Equal(InfraContext.ProfileRegions.Length, s.Resources.Count);
        });
    }

    [Fact]
    public void DynamoDB_actions_name_only_the_stack_tables()
    {
        var tables = stack.View.OfType("AWS::DynamoDB::Table").Select(t => $"${{{t.Id}.Arn}}").ToHashSet();

        var dynamo = stack.View.Statements().Where(s => s.Actions.Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(dynamo);
        Assert.All(dynamo, s => Assert.All(s.Resources, r => Assert.Contains(r, tables)));
    }

    [Fact]
    public void S3_object_actions_name_only_prefixes_of_the_stack_bucket()
    {
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        string[] prefixes = ["batch/incoming/*", "batch/runs/*", "async/*", "batch/runs/*/input/*", "batch/runs/*/output/*"];

        var objectStatements = stack.View.Statements()
            .Where(s => s.Allows && s.Actions.Any(a => a is "s3:GetObject" or "s3:PutObject"))
            .ToList();

        Assert.NotEmpty(objectStatements);
        Assert.All(objectStatements, s => Assert.All(s.Resources, r => Assert.Contains(r, prefixes.Select(p => $"${{{bucket}.Arn}}/{p}"))));
    }

    [Fact]
    public void The_batch_route_reads_its_incoming_files_and_the_runs_it_links_and_writes_only_incoming_files()
    {
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        var statements = stack.View.StatementsOfRole(stack.View.RoleOf(stack.View.FunctionOf("batch"))).ToList();

        var reads = statements.Where(s => s.Actions.Contains("s3:GetObject")).SelectMany(s => s.Resources).Order();
        var writes = statements.Where(s => s.Actions.Contains("s3:PutObject")).SelectMany(s => s.Resources);

        Assert.Equal(new[] { $"${{{bucket}.Arn}}/batch/incoming/*", $"${{{bucket}.Arn}}/batch/runs/*" }.Order(), reads);
        Assert.Equal([$"${{{bucket}.Arn}}/batch/incoming/*"], writes);
    }

    [Fact]
    public void Listing_the_bucket_is_limited_to_the_batch_runs_prefix()
    {
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        var lists = stack.View.Statements().Where(s => s.Allows && s.Actions.Contains("s3:ListBucket")).ToList();

        Assert.NotEmpty(lists);
        Assert.All(lists, s =>
        {
            Assert.Equal([$"${{{bucket}.Arn}}"], s.Resources);
            Assert.Equal("[\"batch/runs/*\"]", s.Condition!["StringLike"]!["s3:prefix"]!.ToJsonString());
        });
    }

    [Fact]
    public void Starting_executions_is_allowed_on_the_batch_state_machine_only_and_only_to_the_batch_route_and_the_scheduler()
    {
        var stateMachine = stack.View.OfType("AWS::StepFunctions::StateMachine").Single().Id;
        var starts = stack.View.Statements().Where(s => s.Actions.Contains("states:StartExecution")).ToList();

        Assert.Equal(2, starts.Count);
        Assert.All(starts, s =>
        {
            Assert.Equal(["states:StartExecution"], s.Actions);
            Assert.Equal([$"${{{stateMachine}}}"], s.Resources);
        });
        Assert.Equal(
            new[] { stack.View.RoleOf(stack.View.FunctionOf("batch")), stack.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("BatchScheduleRole", StringComparison.Ordinal)).Id }.Order(),
            starts.SelectMany(s => s.Roles).Order());
    }

    [Fact]
    public void Describing_executions_is_allowed_to_the_batch_route_only_and_only_on_the_batch_state_machines_executions()
    {
        var stateMachine = stack.View.OfType("AWS::StepFunctions::StateMachine").Single().Id;
        var other = stack.View.Statements().Where(s => s.Actions.Any(a => a.StartsWith("states:", StringComparison.Ordinal)) && !s.Actions.Contains("states:StartExecution"));

        var describe = Assert.Single(other);
        Assert.Equal(["states:DescribeExecution"], describe.Actions);
        Assert.Equal([stack.View.RoleOf(stack.View.FunctionOf("batch"))], describe.Roles);
        var resource = Assert.Single(describe.Resources);
        // CDK's GrantExecution: the state machine's own executions, its name taken from its ARN.
        Assert.Equal(
            "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:{\"Fn::Select\":[6,{\"Fn::Split\":[\":\",{\"Ref\":\"" + stateMachine + "\"}]}]}:*",
            resource);
    }

    [Fact]
    public void Only_the_state_machine_may_pass_a_role_and_only_the_batch_service_role_to_bedrock()
    {
        var passes = stack.View.Statements().Where(s => s.Actions.Any(a => a.StartsWith("iam:", StringComparison.Ordinal))).ToList();

        var pass = Assert.Single(passes);
        Assert.Equal(["iam:PassRole"], pass.Actions);
        var serviceRole = stack.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("BatchBedrockBatchRole", StringComparison.Ordinal)).Id;
        Assert.Equal([$"${{{serviceRole}.Arn}}"], pass.Resources);
        Assert.Equal("bedrock.amazonaws.com", pass.ConditionValue("StringEquals", "iam:PassedToService"));
        Assert.Equal([stack.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("BatchStateMachineRole", StringComparison.Ordinal)).Id], pass.Roles);
    }

    [Fact]
    public void No_role_has_an_aws_managed_policy()
    {
        Assert.All(stack.View.OfType("AWS::IAM::Role"), r => Assert.Null(r.Resource["Properties"]!["ManagedPolicyArns"]));
    }

    [Fact]
    public void Function_roles_are_only_assumable_by_lambda_and_service_roles_only_by_their_service_with_source_conditions()
    {
        var byService = stack.View.OfType("AWS::IAM::Role")
            .Select(r => (r.Id, Trust: Assert.Single(stack.View.TrustOf(r.Id))))
            .GroupBy(r => r.Trust.Raw["Principal"]!["Service"]?.GetValue<string>() ?? "(other)")
            .ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(["bedrock.amazonaws.com", "lambda.amazonaws.com", "scheduler.amazonaws.com", "states.amazonaws.com"], byService.Keys.Order());
        Assert.Equal(stack.View.FunctionIds.Count, byService["lambda.amazonaws.com"].Count);
        foreach (var service in new[] { "bedrock.amazonaws.com", "scheduler.amazonaws.com", "states.amazonaws.com" })
        {
            var trust = Assert.Single(byService[service]).Trust;
            Assert.Equal("${AWS::AccountId}", trust.ConditionValue("StringEquals", "aws:SourceAccount"));
            Assert.NotNull(trust.ConditionValue("ArnLike", "aws:SourceArn") ?? trust.ConditionValue("ArnEquals", "aws:SourceArn"));
        }
    }

    [Theory]
    [InlineData(HandlerNames.Invoke, new[] { "bedrock:InvokeModel", "bedrock:CountTokens", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem" })]
    [InlineData(HandlerNames.InvokeStream, new[] { "bedrock:InvokeModelWithResponseStream", "bedrock:CountTokens", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem" })]
    [InlineData(HandlerNames.Converse, new[] { "bedrock:InvokeModel", "bedrock:CountTokens", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query" })]
    [InlineData(HandlerNames.ConverseStream, new[] { "bedrock:InvokeModelWithResponseStream", "bedrock:CountTokens", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query" })]
    [InlineData(HandlerNames.Structured, new[] { "bedrock:InvokeModel", "bedrock:CountTokens", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem" })]
    [InlineData(HandlerNames.AsyncStart, new[] { "bedrock:InvokeModel", "bedrock:CountTokens", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:PutObject" })]
    [InlineData(HandlerNames.AsyncStatus, new[] { "bedrock:GetAsyncInvoke" })]
    [InlineData(HandlerNames.Tokens, new[] { "bedrock:CountTokens" })]
    [InlineData(HandlerNames.Quota, new[] { "dynamodb:GetItem" })]
    [InlineData("batch", new[] { "s3:GetObject", "s3:PutObject", "dynamodb:PutItem", "states:StartExecution", "states:DescribeExecution" })]
    [InlineData(HandlerNames.BatchPrepare, new[] { "s3:GetObject", "s3:PutObject", "dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:PutItem" })]
    [InlineData(HandlerNames.BatchAdmit, new[] { "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem" })]
    [InlineData(HandlerNames.BatchFanOut, new[] { "s3:GetObject", "s3:PutObject", "s3:ListBucket", "dynamodb:PutItem", "dynamodb:BatchWriteItem" })]
    [InlineData(HandlerNames.BatchRelease, new[] { "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem" })]
    [InlineData(HandlerNames.BatchRetry, new[] { "bedrock:InvokeModel", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:GetObject", "s3:ListBucket" })]
    [InlineData(HandlerNames.BatchSummarize, new[] { "s3:GetObject", "s3:PutObject", "dynamodb:Query" })]
    public void Each_function_may_do_what_its_handler_calls_and_nothing_else(string handler, string[] expected)
    {
        var actions = stack.View.StatementsOfRole(stack.View.RoleOf(stack.View.FunctionOf(handler)))
            .SelectMany(s => s.Actions)
            .Where(a => !a.StartsWith("logs:", StringComparison.Ordinal))
            .Distinct()
            .Order();

        Assert.Equal(expected.Order(), actions);
    }

    [Fact]
    public void Each_store_action_names_the_store_the_handler_uses()
    {
        string Table(string prefix) => $"${{{stack.View.OfType("AWS::DynamoDB::Table").Single(t => t.Id.StartsWith(prefix, StringComparison.Ordinal)).Id}.Arn}}";
        IEnumerable<string> TablesOf(string handler) => stack.View.StatementsOfRole(stack.View.RoleOf(stack.View.FunctionOf(handler)))
            .Where(s => s.Actions.Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)))
            .SelectMany(s => s.Resources)
            .Distinct()
            .Order();

        Assert.Equal([Table("DataQuotaTable")], TablesOf(HandlerNames.Invoke));
        Assert.Equal(new[] { Table("DataQuotaTable"), Table("DataConversationTable") }.Order(), TablesOf(HandlerNames.Converse));
        Assert.Equal([Table("DataResultsTable")], TablesOf(HandlerNames.BatchFanOut));
        Assert.Equal(new[] { Table("DataQuotaTable"), Table("DataResultsTable") }.Order(), TablesOf(HandlerNames.BatchRetry));
        Assert.Equal([Table("DataResultsTable")], TablesOf("batch"));
    }

    [Fact]
    public void Count_tokens_is_granted_to_gated_functions_only_for_models_that_count()
    {
        var countStatements = stack.View.StatementsOfRole(stack.View.RoleOf(stack.View.FunctionOf(HandlerNames.Invoke)))
            .Where(s => s.Actions.Contains("bedrock:CountTokens"))
            .SelectMany(s => s.Resources)
            .ToList();

        Assert.DoesNotContain(countStatements, r => r.EndsWith(InfraContext.OnDemandModel, StringComparison.Ordinal));
        Assert.Contains(countStatements, r => r.EndsWith("inference-profile/" + InfraContext.ProfileModel, StringComparison.Ordinal));
    }

    [Fact]
    public void Guardrails_are_granted_only_when_configured_and_only_those()
    {
        Assert.DoesNotContain(stack.View.Statements(), s => s.Actions.Contains("bedrock:ApplyGuardrail"));

        const string guardrail = "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123";
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["guardrails"] = new System.Text.Json.Nodes.JsonArray(guardrail)));

        var grants = synthesized.View.Statements().Where(s => s.Actions.Contains("bedrock:ApplyGuardrail")).ToList();
        // invoke, invoke-stream, converse, converse-stream, structured and async-start: the functions that call a model for a caller.
        Assert.Equal(6, grants.Count);
        Assert.All(grants, g => Assert.Equal([guardrail], g.Resources));
    }
}
