using System.Text.Json.Nodes;
using Amazon.CDK;
using Serverless.Infra.Configuration;
using Serverless.Infra.Tests.Support;
using Serverless.TestSupport;

namespace Serverless.Infra.Tests;

/// <summary>The app as the CDK CLI runs it: context from cdk.json, one stack per environment.</summary>
public sealed class InfraAppTests
{
    private static Dictionary<string, object> Context(JsonObject settings, string? environment = null, string? deployMode = null)
    {
        var context = new Dictionary<string, object>
        {
            ["aws:cdk:bundling-stacks"] = Array.Empty<string>(),
            [InfraSettingsReader.ContextKey] = settings.ToJsonString(),
        };
        if (environment is not null)
        {
            context[InfraApp.EnvironmentContextKey] = environment;
        }

        if (deployMode is not null)
        {
            context[InfraApp.DeployModeContextKey] = deployMode;
        }

        return context;
    }

    private static JsonObject TwoEnvironments() => InfraContext.With(c => c["environments"] = JsonNode.Parse(
        """{"dev": {}, "prod": {"account": "123456789012", "region": "eu-west-1"}}"""));

    [Fact]
    public void One_stack_is_synthesized_per_environment()
    {
        var app = new App(new AppProps { Context = Context(TwoEnvironments()), Outdir = Directory.CreateTempSubdirectory("app-").FullName });

        var stacks = InfraApp.AddStacks(app, RepoPaths.Root);

        Assert.Equal(["BedrockServerless-dev", "BedrockServerless-prod"], stacks.Select(s => s.StackName));
        Assert.True(Token.IsUnresolved(stacks[0].Account));
        Assert.Equal(("123456789012", "eu-west-1"), (stacks[1].Account, stacks[1].Region));
        Directory.Delete(app.Outdir, recursive: true);
    }

    [Fact]
    public void The_environment_context_synthesizes_only_that_environment()
    {
        var app = new App(new AppProps { Context = Context(TwoEnvironments(), "prod"), Outdir = Directory.CreateTempSubdirectory("app-").FullName });

        var stack = Assert.Single(InfraApp.AddStacks(app, RepoPaths.Root));

        Assert.Equal("BedrockServerless-prod", stack.StackName);
        Directory.Delete(app.Outdir, recursive: true);
    }

    [Fact]
    public void The_deploy_mode_context_overrides_every_environment_for_one_run()
    {
        var app = new App(new AppProps { Context = Context(TwoEnvironments(), deployMode: "jit"), Outdir = Directory.CreateTempSubdirectory("app-").FullName });

        var stacks = InfraApp.AddStacks(app, RepoPaths.Root);

        Assert.All(stacks, s => Assert.Equal(DeployMode.Jit, s.Settings.DeployMode));
        Directory.Delete(app.Outdir, recursive: true);

        var bad = new App(new AppProps { Context = Context(TwoEnvironments(), deployMode: "fast") });
        var error = Assert.Throws<InfraSettingsException>(() => InfraApp.AddStacks(bad, RepoPaths.Root));
        Assert.Equal("-c deployMode=fast: not one of jit, r2r, self-contained, composite, aot.", error.Message);
    }

    [Fact]
    public void A_profile_region_is_used_as_is_when_the_stack_has_a_region()
    {
        var synthesized = Synthesizer.Synth(TwoEnvironments(), "prod");

        var arns = synthesized.View.Statements().SelectMany(s => s.Resources).ToList();
        Assert.Contains($"arn:${{AWS::Partition}}:bedrock:eu-west-1::foundation-model/{InfraContext.OnDemandModel}", arns);
        Assert.Contains($"arn:${{AWS::Partition}}:bedrock:eu-west-1:123456789012:inference-profile/{InfraContext.ProfileModel}", arns);
    }

    [Fact]
    public void The_repository_root_is_found_from_below_it()
    {
        Assert.Equal(RepoPaths.Root, InfraApp.FindRepositoryRoot(Path.Combine(RepoPaths.Root, "infra-cdk", "Serverless.Infra")));
        Assert.Throws<InfraSettingsException>(() => InfraApp.FindRepositoryRoot(Path.GetTempPath()));
    }

    [Fact]
    public void Context_arrives_as_objects_or_as_text()
    {
        var asText = InfraApp.ReadContext("""{"a": 1}""");
        var asObjects = InfraApp.ReadContext(new Dictionary<string, object> { ["a"] = 1 });

        Assert.Equal(1, asText!["a"]!.GetValue<int>());
        Assert.Equal(1, asObjects!["a"]!.GetValue<int>());
        Assert.Null(InfraApp.ReadContext(null));
        Assert.Throws<InfraSettingsException>(() => InfraApp.ReadContext("[1]"));
    }
}
