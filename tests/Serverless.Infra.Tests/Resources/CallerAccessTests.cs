using System.Text.Json.Nodes;
using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Resources;

public sealed class CallerAccessTests(DefaultStack stack)
{
    private static List<Support.PolicyStatement> CallerPolicy(TemplateView view) =>
        view.Statements().Where(s => s.OwnerType == "AWS::IAM::ManagedPolicy").ToList();

    [Fact]
    public void The_caller_policy_invokes_exactly_the_api_routes_with_parameters_as_wildcards()
    {
        var api = stack.View.OfType("AWS::ApiGatewayV2::Api").Single().Id;
        var invoke = Assert.Single(CallerPolicy(stack.View), s => s.Actions.Contains("execute-api:Invoke"));

        var prefix = $"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api}}}/$default/";
        Assert.Equal(
            new[]
            {
                "POST/v1/invoke/*", "POST/v1/converse", "POST/v1/structured", "POST/v1/async", "GET/v1/async/*",
                "POST/v1/tokens", "GET/v1/quota", "GET/v1/quota/*", "POST/v1/batch", "GET/v1/batch/*",
            }.Select(p => prefix + p).Order(),
            invoke.Resources.Order());
    }

    [Fact]
    public void The_caller_policy_invokes_the_streaming_urls_with_iam_auth_only()
    {
        var statements = CallerPolicy(stack.View);
        var streaming = new[] { HandlerNames.InvokeStream, HandlerNames.ConverseStream }.Select(h => $"${{{stack.View.FunctionOf(h)}.Arn}}").Order().ToList();

        var url = Assert.Single(statements, s => s.Actions.Contains("lambda:InvokeFunctionUrl"));
        Assert.Equal(streaming, url.Resources.Order());
        Assert.Equal("AWS_IAM", url.ConditionValue("StringEquals", "lambda:FunctionUrlAuthType"));
        var function = Assert.Single(statements, s => s.Actions.Contains("lambda:InvokeFunction"));
        Assert.Equal(streaming, function.Resources.Order());
        Assert.Equal(3, statements.Count);
    }

    [Fact]
    public void Without_allowed_callers_there_is_no_caller_role()
    {
        Assert.DoesNotContain(stack.View.OfType("AWS::IAM::Role"), r => r.Id.StartsWith("CallersCallerRole", StringComparison.Ordinal));
        Assert.Null(stack.View.Outputs["CallerRoleArn"]);
    }

    [Fact]
    public void Allowed_callers_assume_a_role_that_carries_the_caller_policy()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["allowedCallers"] = new JsonArray("arn:aws:iam::111122223333:role/app", "444455556666")));

        var role = synthesized.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("CallersCallerRole", StringComparison.Ordinal));
        var policy = synthesized.View.OfType("AWS::IAM::ManagedPolicy").Single().Id;
        Assert.Equal([$"${{{policy}}}"], Intrinsics.RenderList(role.Resource["Properties"]!["ManagedPolicyArns"]));
        var trust = synthesized.View.TrustOf(role.Id);
        Assert.All(trust, t => Assert.Equal(["sts:AssumeRole"], t.Actions));
        Assert.Equal(
            ["arn:${AWS::Partition}:iam::444455556666:root", "arn:aws:iam::111122223333:role/app"],
            trust.SelectMany(t => Intrinsics.RenderList(t.Raw["Principal"]!["AWS"])).Order(StringComparer.Ordinal));
        Assert.Equal($"${{{role.Id}.Arn}}", Intrinsics.Render(synthesized.View.Outputs["CallerRoleArn"]!["Value"]));
    }

    [Fact]
    public void With_a_jwt_authorizer_the_caller_policy_covers_only_the_streaming_urls()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["auth"] = JsonNode.Parse(
            """{"type": "jwt", "issuer": "https://issuer.example", "audiences": ["a"]}""")));

        Assert.DoesNotContain(CallerPolicy(synthesized.View), s => s.Actions.Contains("execute-api:Invoke"));
        Assert.Contains(CallerPolicy(synthesized.View), s => s.Actions.Contains("lambda:InvokeFunctionUrl"));
    }
}
