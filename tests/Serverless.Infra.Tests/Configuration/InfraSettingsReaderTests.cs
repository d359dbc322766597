using System.Text.Json.Nodes;
using Serverless.Infra.Configuration;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Configuration;

public sealed class InfraSettingsReaderTests
{
    [Fact]
    public void Unset_settings_take_their_documented_defaults()
    {
        var settings = InfraSettingsReader.Read(InfraContext.Default(), InfraContext.Environment);

        Assert.Equal("BedrockServerless-test", settings.StackName);
        Assert.Null(settings.Account);
        Assert.Null(settings.Region);
        Assert.Equal(DeployMode.Composite, settings.DeployMode); // the test context names it; the default is aot
        Assert.Equal(DeployMode.Aot, InfraSettingsReader.Read(InfraContext.With(c => c.Remove("deployMode")), InfraContext.Environment).DeployMode);
        Assert.Equal(ApiAuthKind.Iam, settings.Auth.Kind);
        Assert.Equal(new ScheduleSettings(true, "rate(1 hour)", "UTC"), settings.Schedule);
        Assert.Equal(30, settings.LogRetentionDays);
        Assert.Equal(30, settings.BatchFilesRetentionDays);
        Assert.Equal(80, settings.QuotaAlarmPercent);
        Assert.Equal("default", settings.EventBusName);
        Assert.Equal("batch", settings.BatchFunction);
        Assert.Empty(settings.ExtraRoutes);
        Assert.Empty(settings.AllowedCallers);
        Assert.Equal(10, settings.Models.Single(m => m.Id == InfraContext.ProfileModel).BatchJobs);
        Assert.Equal(20, settings.Models.Single(m => m.Id == InfraContext.OnDemandModel).BatchJobs);
    }

    [Fact]
    public void An_environment_overrides_the_defaults_member_by_member()
    {
        var context = InfraContext.With(c =>
        {
            c["logRetentionDays"] = 14;
            c["environments"] = JsonNode.Parse("""
                { "dev": { "deployMode": "jit" },
                  "prod": { "account": "123456789012", "region": "eu-west-1", "logRetentionDays": 90,
                            "models": { "amazon.nova-micro-v1:0": { "quota": { "requestsPerMinute": 10 } } } } }
                """);
        });

        var dev = InfraSettingsReader.Read(context, "dev");
        var prod = InfraSettingsReader.Read(context, "prod");

        Assert.Equal(["dev", "prod"], InfraSettingsReader.EnvironmentNames(context));
        Assert.Equal(DeployMode.Jit, dev.DeployMode);
        Assert.Equal(14, dev.LogRetentionDays);
        Assert.Equal(2, dev.Models.Count);
        Assert.Equal(("123456789012", "eu-west-1"), (prod.Account, prod.Region));
        Assert.Equal(90, prod.LogRetentionDays);
        Assert.Equal(["amazon.nova-micro-v1:0"], prod.Models.Select(m => m.Id));
        Assert.Equal(DeployMode.Composite, prod.DeployMode);
    }

    [Fact]
    public void Without_environments_there_is_one_named_dev() =>
        Assert.Equal(["dev"], InfraSettingsReader.EnvironmentNames(InfraContext.With(c => c.Remove("environments"))));

    [Theory]
    [InlineData("""{"deployMode": "native"}""", "bedrock-serverless[test].deployMode: 'native' is not one of jit, r2r, self-contained, composite, aot")]
    [InlineData("""{"logRetentionDays": 10}""", "bedrock-serverless[test].logRetentionDays: 10 is not a CloudWatch Logs retention")]
    [InlineData("""{"logRetentionDays": "30"}""", "bedrock-serverless[test].logRetentionDays: must be a whole number")]
    [InlineData("""{"logRetentionDay": 30}""", "bedrock-serverless[test].logRetentionDay: unknown setting")]
    [InlineData("""{"models": {}}""", "bedrock-serverless[test].models: must name at least one model")]
    [InlineData("""{"models": {"amazon.nova-micro-v1:0": {}}}""", "bedrock-serverless[test].models['amazon.nova-micro-v1:0'].quota: is required")]
    [InlineData("""{"models": {"amazon.nova-micro-v1:0": {"quota": {}, "batchjobs": 3}}}""", "models['amazon.nova-micro-v1:0'].batchjobs: unknown setting")]
    [InlineData("""{"models": {"Not A Model": {"quota": {}}}}""", "models['Not A Model']: not a Bedrock model or inference profile id")]
    [InlineData("""{"models": {"us.x.y-v1:0": {"quota": {}, "inferenceProfile": {"foundationModel": "x.y-v1:0", "regions": ["US East"]}}}}""", "inferenceProfile.regions: 'US East' is not a Region name")]
    [InlineData("""{"models": {"us.x.y-v1:0": {"quota": {}, "inferenceProfile": {"foundationModel": "x.y-v1:0"}}}}""", "inferenceProfile.regions: is required")]
    [InlineData("""{"auth": {"type": "jwt", "audiences": ["a"]}}""", "bedrock-serverless[test].auth.issuer: is required for jwt and must be an https:// URL")]
    [InlineData("""{"auth": {"type": "jwt", "issuer": "https://issuer.example"}}""", "bedrock-serverless[test].auth.audiences: is required for jwt")]
    [InlineData("""{"auth": {"type": "cognito"}}""", "bedrock-serverless[test].auth.type: 'cognito' is not iam or jwt")]
    [InlineData("""{"schedule": {"expression": "every hour"}}""", "bedrock-serverless[test].schedule.expression: 'every hour' is not a Scheduler rate(...) or cron(...) expression")]
    [InlineData("""{"allowedCallers": ["bob"]}""", "allowedCallers: 'bob' is neither a 12-digit account id nor an IAM role/user ARN")]
    [InlineData("""{"account": "12345"}""", "bedrock-serverless[test].account: '12345' is not a 12-digit account id")]
    [InlineData("""{"functions": {"invoke": {"timeoutSeconds": 901}}}""", "bedrock-serverless[test].functions['invoke'].timeoutSeconds: must be from 1 to 900 (was 901)")]
    [InlineData("""{"guardrails": ["my-guardrail"]}""", "guardrails: 'my-guardrail' is not a guardrail ARN")]
    [InlineData("""{"environment": {"2BAD": "x"}}""", "bedrock-serverless[test].environment.2BAD: is not an environment variable name")]
    [InlineData("""{"extraRoutes": {"batch": {"function": "batch"}}}""", "the key must be a route key like 'POST /v1/batch'")]
    public void A_bad_value_names_its_key_and_the_problem(string overrides, string expected)
    {
        var context = InfraContext.With(c =>
        {
            foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject())
            {
                c["environments"]![InfraContext.Environment]![key] = value?.DeepClone();
            }
        });

        var error = Assert.Throws<InfraSettingsException>(() => InfraSettingsReader.Read(context, InfraContext.Environment));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_environment_lists_the_known_ones()
    {
        var error = Assert.Throws<InfraSettingsException>(() => InfraSettingsReader.Read(InfraContext.Default(), "staging"));
        Assert.Equal("bedrock-serverless.environments: no environment 'staging' (known: test).", error.Message);
    }

    [Fact]
    public void Numbers_passed_as_decimals_by_the_cli_are_read_as_whole_numbers()
    {
        var settings = InfraSettingsReader.Read(InfraContext.With(c => c["quotaAlarmPercent"] = 90.0), InfraContext.Environment);
        Assert.Equal(90, settings.QuotaAlarmPercent);
    }

    [Fact]
    public void Jwt_auth_and_function_sizes_are_read()
    {
        var settings = InfraSettingsReader.Read(InfraContext.With(c =>
        {
            c["auth"] = JsonNode.Parse("""{"type": "jwt", "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", "audiences": ["client-1"]}""");
            c["functions"] = JsonNode.Parse("""{"invoke": {"memoryMb": 1024}, "batch-prepare": {"timeoutSeconds": 600}}""");
        }), InfraContext.Environment);

        Assert.Equal(new ApiAuthSettings(ApiAuthKind.Jwt, "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", settings.Auth.Audiences), settings.Auth);
        Assert.Equal(["client-1"], settings.Auth.Audiences!);
        Assert.Equal(new FunctionSize(1024, 30), settings.SizeOf("invoke"));
        Assert.Equal(new FunctionSize(3008, 600), settings.SizeOf("batch-prepare"));
        Assert.Equal(new FunctionSize(512, 300), settings.SizeOf("converse-stream"));
    }

    [Fact]
    public void The_repository_cdk_json_is_valid_for_every_environment_it_defines()
    {
        var cdkJson = JsonNode.Parse(File.ReadAllText(Path.Combine(TestSupport.RepoPaths.Root, "cdk.json")))!;
        var context = cdkJson["context"]![InfraSettingsReader.ContextKey]!.AsObject();

        var environments = InfraSettingsReader.EnvironmentNames(context);

        Assert.Contains("dev", environments);
        foreach (var environment in environments)
        {
            var settings = InfraSettingsReader.Read(context, environment);
            FunctionConfiguration.From(settings);
        }

        Assert.Equal("dotnet run --project infra-cdk/Serverless.Infra", cdkJson["app"]!.GetValue<string>());
    }
}
