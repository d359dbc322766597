using Amazon.CDK.AWS.Lambda;
using Serverless.Infra.Configuration;
using Serverless.Infra.Packaging;
using Serverless.Infra.Tests.Support;
using Serverless.TestSupport;

namespace Serverless.Infra.Tests.Packaging;

/// <summary>
/// The app builds the function package itself through CDK local bundling (a C# ILocalBundling called back from
/// jsii); dotnet publish is replaced by <see cref="FakeProcessRunner"/>.
/// </summary>
public sealed class FunctionPackageTests
{
    private static InfraSettings Settings(DeployMode mode = DeployMode.Composite) =>
        InfraSettingsReader.Read(InfraContext.Default(), InfraContext.Environment) with { DeployMode = mode };

    [Fact]
    public void Synthesizing_with_bundling_publishes_once_and_names_the_executable_bootstrap()
    {
        var runner = new FakeProcessRunner();
        var settings = Settings();

        var synthesized = Synthesizer.Synth(settings, FunctionPackage.Create(settings, RepoPaths.Root, runner), bundle: true);

        var call = Assert.Single(runner.Calls);
        Assert.Equal("dotnet", call.FileName);
        Assert.Equal(RepoPaths.Root, call.WorkingDirectory);
        Assert.Contains("-p:PublishReadyToRunComposite=true", call.Arguments);
        var output = call.Arguments[call.Arguments.ToList().IndexOf("-o") + 1];
        Assert.StartsWith("asset.", Path.GetFileName(output), StringComparison.Ordinal);
        Assert.Equal(16, synthesized.View.FunctionIds.Count);
    }

    [Fact]
    public void The_bundled_folder_holds_bootstrap_for_a_custom_runtime()
    {
        var runner = new FakeProcessRunner();
        var bundling = new DotnetPublishBundling(new PublishPlan(RepoPaths.Root, DeployMode.SelfContained), runner);
        var output = Directory.CreateTempSubdirectory("bundle-");
        try
        {
            Assert.True(bundling.TryBundle(output.FullName, null!));

            Assert.True(File.Exists(Path.Combine(output.FullName, PublishPlan.BootstrapName)));
            Assert.False(File.Exists(Path.Combine(output.FullName, PublishPlan.AssemblyName)));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_managed_runtime_keeps_the_assembly_name()
    {
        var runner = new FakeProcessRunner();
        var bundling = new DotnetPublishBundling(new PublishPlan(RepoPaths.Root, DeployMode.Jit), runner);
        var output = Directory.CreateTempSubdirectory("bundle-");
        try
        {
            Assert.True(bundling.TryBundle(output.FullName, null!));

            Assert.True(File.Exists(Path.Combine(output.FullName, PublishPlan.AssemblyName + ".dll")));
            Assert.False(File.Exists(Path.Combine(output.FullName, PublishPlan.BootstrapName)));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_failed_publish_fails_with_its_exit_code_and_output_instead_of_falling_back_to_docker()
    {
        var bundling = new DotnetPublishBundling(new PublishPlan(RepoPaths.Root, DeployMode.Aot), new FakeProcessRunner(exitCode: 1));

        var error = Assert.Throws<InvalidOperationException>(() => bundling.TryBundle(Path.GetTempPath(), null!));

        Assert.Contains("(aot) failed with exit code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("NU1101", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("without them deploy with -c deployMode=composite (docs/deploy.md).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_publish_without_the_executable_is_an_error()
    {
        var bundling = new DotnetPublishBundling(new PublishPlan(RepoPaths.Root, DeployMode.Composite), new FakeProcessRunner(executableName: null));
        var output = Directory.CreateTempSubdirectory("bundle-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => bundling.TryBundle(output.FullName, null!));
            Assert.Contains("wrote no executable", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_prepublished_folder_is_deployed_as_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("package-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "bootstrap"), "#!/bin/sh\n");
            var settings = Settings() with { FunctionPackage = folder.FullName };

            var code = FunctionPackage.Create(settings, RepoPaths.Root, new ThrowingRunner());

            Assert.IsType<AssetCode>(code, exactMatch: false);
            Assert.Equal(16, Synthesizer.Synth(settings, code, bundle: true).View.FunctionIds.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_prepublished_folder_names_the_setting()
    {
        var settings = Settings() with { FunctionPackage = "artifacts/nowhere" };

        var error = Assert.Throws<InfraSettingsException>(() => FunctionPackage.Create(settings, RepoPaths.Root));

        Assert.StartsWith("bedrock-serverless[test].functionPackage: folder '", error.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingRunner : IProcessRunner
    {
        public ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory) =>
            throw new InvalidOperationException("A prepublished package must not be published again.");
    }
}
