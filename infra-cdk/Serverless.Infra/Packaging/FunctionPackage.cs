using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Serverless.Infra.Configuration;

namespace Serverless.Infra.Packaging;

/// <summary>
/// The code of every function: one package of the one executable. Either a folder published beforehand
/// (cdk.json <c>functionPackage</c>), or built by the app itself with <c>dotnet publish</c> in local bundling.
/// Synthesizing with the context <c>aws:cdk:bundling-stacks</c> = [] skips the publish (the tests do).
/// </summary>
public static class FunctionPackage
{
    public static Code Create(InfraSettings settings, string repositoryRoot, IProcessRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.FunctionPackage is { } folder)
        {
            var path = Path.GetFullPath(Path.Combine(repositoryRoot, folder));
            if (!Directory.Exists(path))
            {
                throw new InfraSettingsException($"{InfraSettingsReader.ContextKey}[{settings.EnvironmentName}].functionPackage: folder '{path}' does not exist.");
            }

            return Code.FromAsset(path);
        }

        var plan = new PublishPlan(repositoryRoot, settings.DeployMode);
        return Code.FromAsset(Path.Combine(repositoryRoot, "functions"), new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.CUSTOM,
            AssetHash = SourceFingerprint.Compute(repositoryRoot, settings.DeployMode),
            Bundling = new BundlingOptions
            {
                // Required by the API, never pulled: local bundling either succeeds or throws.
                Image = DockerImage.FromRegistry("local-dotnet-publish"),
                Local = new DotnetPublishBundling(plan, runner ?? new ConsoleProcessRunner()),
            },
        });
    }
}
