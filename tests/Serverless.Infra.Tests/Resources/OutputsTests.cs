using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Resources;

public sealed class OutputsTests(DefaultStack stack)
{
    private string Output(string name) => Intrinsics.Render(stack.View.Outputs[name]!["Value"]);

    [Fact]
    public void The_api_url_streaming_urls_bucket_and_state_machine_are_outputs()
    {
        var api = stack.View.OfType("AWS::ApiGatewayV2::Api").Single().Id;
        var bucket = stack.View.OfType("AWS::S3::Bucket").Single().Id;
        var stateMachine = stack.View.OfType("AWS::StepFunctions::StateMachine").Single().Id;
        string UrlOf(string handler) => stack.View.OfType("AWS::Lambda::Url")
            .Single(u => Intrinsics.Render(u.Resource["Properties"]!["TargetFunctionArn"]) == $"${{{stack.View.FunctionOf(handler)}.Arn}}").Id;

        Assert.Equal($"${{{api}.ApiEndpoint}}", Output("ApiUrl"));
        Assert.Equal($"${{{UrlOf(HandlerNames.InvokeStream)}.FunctionUrl}}", Output("InvokeStreamUrl"));
        Assert.Equal($"${{{UrlOf(HandlerNames.ConverseStream)}.FunctionUrl}}", Output("ConverseStreamUrl"));
        Assert.Equal($"${{{bucket}}}", Output("BucketName"));
        Assert.Equal($"s3://${{{bucket}}}/batch/incoming/", Output("BatchInputPrefix"));
        Assert.Equal($"${{{stateMachine}}}", Output("StateMachineArn"));
        Assert.Equal($"${{{stack.View.OfType("AWS::IAM::ManagedPolicy").Single().Id}}}", Output("CallerPolicyArn"));
        Assert.Equal($"${{{stack.View.OfType("AWS::SNS::Topic").Single().Id}}}", Output("AlarmTopicArn"));
    }
}
