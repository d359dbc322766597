using Amazon.CDK.Assertions;
using Serverless.Batch.Steps;
using Serverless.Functions;
using Serverless.Functions.Routing;
using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests;

/// <summary>The stack holds what the issue lists, once: tables, bucket, one function per handler, API, URLs, workflow, schedule, monitoring.</summary>
public sealed class StackShapeTests(DefaultStack stack)
{
    [Fact]
    public void Every_handler_has_exactly_one_function()
    {
        string[] expected =
        [
            .. FunctionRoutes.All.Select(r => r.FunctionName).Distinct(),
            .. HandlerCatalog.BatchSteps,
        ];

        stack.Value.Template.ResourceCountIs("AWS::Lambda::Function", expected.Length);
        foreach (var handler in expected)
        {
            Assert.NotNull(stack.View.FunctionOf(handler));
        }
    }

    [Theory]
    [InlineData("AWS::DynamoDB::Table", 3)]
    [InlineData("AWS::S3::Bucket", 1)]
    [InlineData("AWS::ApiGatewayV2::Api", 1)]
    [InlineData("AWS::ApiGatewayV2::Stage", 1)]
    [InlineData("AWS::Lambda::Url", 2)]
    [InlineData("AWS::StepFunctions::StateMachine", 1)]
    [InlineData("AWS::Scheduler::Schedule", 1)]
    [InlineData("AWS::CloudWatch::Dashboard", 1)]
    [InlineData("AWS::SNS::Topic", 1)]
    public void The_stack_holds_each_resource_kind_once_or_as_many_as_needed(string type, int count) =>
        stack.Value.Template.ResourceCountIs(type, count);

    [Fact]
    public void The_stack_is_environment_agnostic_so_synth_needs_no_account_lookup()
    {
        Assert.True(Amazon.CDK.Token.IsUnresolved(stack.Value.Stack.Account));
        Assert.True(Amazon.CDK.Token.IsUnresolved(stack.Value.Stack.Region));
    }

    [Fact]
    public void No_custom_resource_or_singleton_lambda_sneaks_in()
    {
        // CDK adds Node.js custom-resource functions for features like autoDeleteObjects or logRetention; every
        // function here must run the project's executable.
        stack.Value.Template.AllResourcesProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Runtime"] = "provided.al2023",
            ["Architectures"] = new[] { "x86_64" },
        }));
        Assert.Empty(stack.View.OfType("Custom::LogRetention"));
        Assert.Empty(stack.View.OfType("Custom::S3AutoDeleteObjects"));
    }

    [Fact]
    public void Every_deployed_handler_is_a_function_or_batch_step_of_the_catalogs_and_every_one_is_deployed()
    {
        var served = FunctionCatalog.Names.Concat(BatchStepNames.All).Order(StringComparer.Ordinal);

        Assert.Equal(served, stack.Value.Stack.Handlers.Select(h => h.Name).Order(StringComparer.Ordinal));
        Assert.Contains(stack.Value.Stack.Settings.BatchFunction, FunctionCatalog.Names);
    }
}
