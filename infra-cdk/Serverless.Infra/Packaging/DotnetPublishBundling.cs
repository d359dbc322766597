using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Serverless.Infra.Configuration;

namespace Serverless.Infra.Packaging;

/// <summary>
/// CDK local bundling of the function executable: <c>dotnet publish</c> on this machine, no Docker. CDK calls
/// <see cref="TryBundle"/> with the asset's output folder when the stack is synthesized with bundling (deploy, or a
/// synth without <c>aws:cdk:bundling-stacks</c> = []). A failed publish throws: returning false would make CDK fall
/// back to Docker bundling, which this app does not use.
/// </summary>
public sealed class DotnetPublishBundling(PublishPlan plan, IProcessRunner runner) : DeputyBase, ILocalBundling
{
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDir);
        Console.Error.WriteLine($"Publishing {PublishPlan.AssemblyName} ({plan.Mode.Name()}) into {outputDir} ...");
        var result = runner.Run("dotnet", plan.Arguments(outputDir), plan.RepositoryRoot);
        if (result.ExitCode != 0)
        {
            var hint = plan.Mode == DeployMode.Aot
                ? $"{System.Environment.NewLine}Native AOT needs .NET 10's NativeAOT runtime pack (Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64, on nuget.org) "
                  + "and a Linux x64 machine with clang; without them deploy with -c deployMode=composite (docs/deploy.md)."
                : "";
            throw new InvalidOperationException(
                $"dotnet publish of {PublishPlan.ProjectPath} ({plan.Mode.Name()}) failed with exit code {result.ExitCode}:{System.Environment.NewLine}{result.OutputTail}{hint}");
        }

        if (plan.RenamesToBootstrap)
        {
            var executable = Path.Combine(outputDir, PublishPlan.AssemblyName);
            if (!File.Exists(executable))
            {
                throw new InvalidOperationException($"dotnet publish wrote no executable {executable} to rename to {PublishPlan.BootstrapName}.");
            }

            File.Move(executable, Path.Combine(outputDir, PublishPlan.BootstrapName), overwrite: true);
        }

        return true;
    }
}
