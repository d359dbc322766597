using System.Text.Json.Nodes;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Infra.Resources;
using Serverless.Infra.Tests.Support;
using Serverless.TestSupport;

namespace Serverless.Infra.Tests.Resources;

public sealed class BatchWorkflowTests(DefaultStack stack)
{
    private JsonObject StateMachine => stack.View.OfType("AWS::StepFunctions::StateMachine").Single().Resource["Properties"]!.AsObject();

    private string RoleId(string prefix) => stack.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith(prefix, StringComparison.Ordinal)).Id;

    [Fact]
    public void The_deployed_definition_is_the_repository_file_unchanged()
    {
        var file = File.ReadAllText(Path.Combine(RepoPaths.Root, StateMachineDefinition.RelativePath));

        Assert.Equal(file, Intrinsics.Render(StateMachine["DefinitionString"]));
        Assert.Equal("STANDARD", StateMachine["StateMachineType"]!.GetValue<string>());
    }

    [Fact]
    public void Every_placeholder_is_substituted_with_its_resource()
    {
        var substitutions = StateMachine["DefinitionSubstitutions"]!.AsObject().ToDictionary(s => s.Key, s => Intrinsics.Render(s.Value));
        var file = File.ReadAllText(Path.Combine(RepoPaths.Root, StateMachineDefinition.RelativePath));

        Assert.Equal(StateMachineDefinition.Placeholders(file).Order(), substitutions.Keys.Order());
        Assert.Equal($"${{{stack.View.FunctionOf(HandlerNames.BatchPrepare)}.Arn}}", substitutions["PrepareFunctionArn"]);
        Assert.Equal($"${{{stack.View.FunctionOf(HandlerNames.BatchAdmit)}.Arn}}", substitutions["AdmitFunctionArn"]);
        Assert.Equal($"${{{stack.View.FunctionOf(HandlerNames.BatchFanOut)}.Arn}}", substitutions["FanOutFunctionArn"]);
        Assert.Equal($"${{{stack.View.FunctionOf(HandlerNames.BatchRelease)}.Arn}}", substitutions["ReleaseFunctionArn"]);
        Assert.Equal($"${{{stack.View.FunctionOf(HandlerNames.BatchRetry)}.Arn}}", substitutions["RetryFunctionArn"]);
        Assert.Equal($"${{{stack.View.FunctionOf(HandlerNames.BatchSummarize)}.Arn}}", substitutions["SummarizeFunctionArn"]);
        Assert.Equal($"${{{RoleId("BatchBedrockBatchRole")}.Arn}}", substitutions["BatchRoleArn"]);
        Assert.Equal("default", substitutions["EventBusName"]);
    }

    [Fact]
    public void A_placeholder_without_a_value_or_a_value_without_a_placeholder_fails_naming_both()
    {
        var root = Directory.CreateTempSubdirectory("asl-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "statemachines"));
            File.WriteAllText(Path.Combine(root.FullName, StateMachineDefinition.RelativePath), """{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${NewFunctionArn}", "End": true}}}""");

            var error = Assert.Throws<InfraSettingsException>(() =>
                StateMachineDefinition.Load(root.FullName, new Dictionary<string, string> { ["PrepareFunctionArn"] = "arn" }));

            Assert.Equal(
                "statemachines/batch-inference.asl.json: placeholders without a value: [NewFunctionArn]; values without a placeholder: [PrepareFunctionArn].",
                error.Message);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_state_machine_runs_as_its_own_role_and_logs_errors_without_execution_data()
    {
        Assert.Equal($"${{{RoleId("BatchStateMachineRole")}.Arn}}", Intrinsics.Render(StateMachine["RoleArn"]));
        var logging = StateMachine["LoggingConfiguration"]!;
        Assert.Equal("ERROR", logging["Level"]!.GetValue<string>());
        Assert.False(logging["IncludeExecutionData"]!.GetValue<bool>());
    }

    [Fact]
    public void The_state_machine_may_invoke_the_six_steps_create_poll_and_stop_jobs_and_publish_the_completion_event()
    {
        var statements = stack.View.StatementsOfRole(RoleId("BatchStateMachineRole"));

        var invoke = Assert.Single(statements, s => s.Actions.Contains("lambda:InvokeFunction"));
        Assert.Equal(HandlerCatalog.BatchSteps.Select(step => $"${{{stack.View.FunctionOf(step)}.Arn}}").Order(), invoke.Resources.Order());

        var jobs = "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:model-invocation-job/*";
        var create = Assert.Single(statements, s => s.Actions.Contains("bedrock:CreateModelInvocationJob"));
        Assert.Contains(jobs, create.Resources);
        Assert.Contains($"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}::foundation-model/{InfraContext.OnDemandModel}", create.Resources);
        Assert.Contains($"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}:${{AWS::AccountId}}:inference-profile/{InfraContext.ProfileModel}", create.Resources);

        var poll = Assert.Single(statements, s => s.Actions.Contains("bedrock:GetModelInvocationJob"));
        Assert.Equal(["bedrock:GetModelInvocationJob", "bedrock:StopModelInvocationJob"], poll.Actions);
        Assert.Equal([jobs], poll.Resources);

        var events = Assert.Single(statements, s => s.Actions.Contains("events:PutEvents"));
        Assert.Equal(["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"], events.Resources);
    }

    [Fact]
    public void The_bedrock_batch_role_trusts_bedrock_for_this_account_batch_jobs_only()
    {
        var trust = Assert.Single(stack.View.TrustOf(RoleId("BatchBedrockBatchRole")));

        Assert.Equal("bedrock.amazonaws.com", trust.Raw["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal(["sts:AssumeRole"], trust.Actions);
        Assert.Equal("${AWS::AccountId}", trust.ConditionValue("StringEquals", "aws:SourceAccount"));
        Assert.Equal("arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:model-invocation-job/*", trust.ConditionValue("ArnLike", "aws:SourceArn"));
    }

    [Fact]
    public void The_bedrock_batch_role_reads_shard_inputs_and_writes_job_outputs_only()
    {
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        var statements = stack.View.StatementsOfRole(RoleId("BatchBedrockBatchRole"));

        var read = Assert.Single(statements, s => s.Actions.Contains("s3:GetObject"));
        Assert.Equal([$"${{{bucket}.Arn}}/batch/runs/*/input/*"], read.Resources);
        Assert.Equal("${AWS::AccountId}", read.ConditionValue("StringEquals", "aws:ResourceAccount"));
        var write = Assert.Single(statements, s => s.Actions.Contains("s3:PutObject"));
        Assert.Equal([$"${{{bucket}.Arn}}/batch/runs/*/output/*"], write.Resources);
        Assert.Equal("${AWS::AccountId}", write.ConditionValue("StringEquals", "aws:ResourceAccount"));
        Assert.Equal(
            ["bedrock:InvokeModel", "s3:GetObject", "s3:ListBucket", "s3:PutObject"],
            statements.SelectMany(s => s.Actions).Distinct().Order());
    }

    [Fact]
    public void The_completion_event_goes_to_the_configured_bus()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["eventBusName"] = "batch-events"));

        var substitutions = synthesized.View.OfType("AWS::StepFunctions::StateMachine").Single().Resource["Properties"]!["DefinitionSubstitutions"]!;
        Assert.Equal("batch-events", substitutions["EventBusName"]!.GetValue<string>());
        Assert.Contains(synthesized.View.Statements(), s => s.Actions.Contains("events:PutEvents")
            && s.Resources.SequenceEqual(["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/batch-events"]));
    }
}
