using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.Lambda;
using Serverless.Infra.Configuration;
using Serverless.TestSupport;

namespace Serverless.Infra.Tests.Support;

/// <summary>A synthesized stack: the construct tree, the Assertions template, and the template as JSON.</summary>
public sealed record Synthesized(BedrockServerlessStack Stack, Template Template, TemplateView View);

/// <summary>
/// Synthesizes a stack in-process with bundling skipped (<c>aws:cdk:bundling-stacks</c> = []): no dotnet publish,
/// no AWS credentials, no network.
/// </summary>
public static class Synthesizer
{
    public static Synthesized Synth(JsonObject? context = null, string environment = InfraContext.Environment, Code? code = null, bool bundle = false)
    {
        var settings = InfraSettingsReader.Read(context ?? InfraContext.Default(), environment);
        return Synth(settings, code, bundle);
    }

    public static Synthesized Synth(InfraSettings settings, Code? code = null, bool bundle = false)
    {
        var outdir = Directory.CreateTempSubdirectory("serverless-infra-tests-");
        try
        {
            var appContext = new Dictionary<string, object>();
            if (!bundle)
            {
                appContext["aws:cdk:bundling-stacks"] = Array.Empty<string>();
            }

            var app = new App(new AppProps { Outdir = outdir.FullName, Context = appContext });
            var stack = new BedrockServerlessStack(app, settings, RepoPaths.Root, code);
            var template = Template.FromStack(stack);
            var json = JsonSerializer.SerializeToNode(template.ToJSON())!.AsObject();
            return new Synthesized(stack, template, new TemplateView(json));
        }
        finally
        {
            outdir.Delete(recursive: true);
        }
    }
}
