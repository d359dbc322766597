using Serverless.Infra.Configuration;
using Serverless.Infra.Packaging;

namespace Serverless.Infra.Tests.Packaging;

public sealed class PublishPlanTests
{
    [Theory]
    [InlineData(DeployMode.Jit, new[] { "-p:SelfContained=false", "-p:PublishReadyToRun=false" }, false)]
    [InlineData(DeployMode.ReadyToRun, new[] { "-p:SelfContained=false", "-p:PublishReadyToRun=true" }, false)]
    [InlineData(DeployMode.SelfContained, new[] { "-p:SelfContained=true", "-p:PublishReadyToRun=true", "-p:PublishTrimmed=true" }, true)]
    [InlineData(DeployMode.Composite, new[] { "-p:SelfContained=true", "-p:PublishReadyToRun=true", "-p:PublishReadyToRunComposite=true", "-p:PublishTrimmed=true" }, true)]
    [InlineData(DeployMode.Aot, new[] { "-p:PublishAot=true" }, true)]
    public void Each_mode_publishes_like_the_benchmark_script(DeployMode mode, string[] modeProperties, bool bootstrap)
    {
        var plan = new PublishPlan("/repo", mode);

        var arguments = plan.Arguments("/out");

        Assert.Equal(
            [
                "publish", Path.Combine("/repo", "functions/Serverless.Functions.Lambda/Serverless.Functions.Lambda.csproj"),
                "-c", "Release", "-r", "linux-x64", "-o", "/out",
                "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine("/repo", "artifacts", "cdk-publish", mode.Name())}",
                "-nologo", "-v:q", .. modeProperties,
            ],
            arguments);
        Assert.Equal(bootstrap, plan.RenamesToBootstrap);
        Assert.Equal(!bootstrap, mode.RunsOnManagedRuntime());
    }

    [Fact]
    public void The_project_published_is_the_function_executable_of_the_repository() =>
        Assert.True(File.Exists(Path.Combine(TestSupport.RepoPaths.Root, PublishPlan.ProjectPath)));

    [Fact]
    public void Mode_names_round_trip()
    {
        foreach (var mode in Enum.GetValues<DeployMode>())
        {
            Assert.True(DeployModes.TryParse(mode.Name(), out var parsed));
            Assert.Equal(mode, parsed);
        }

        Assert.False(DeployModes.TryParse("Composite", out _));
    }
}
