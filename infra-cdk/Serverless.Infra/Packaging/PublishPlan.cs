using Serverless.Infra.Configuration;

namespace Serverless.Infra.Packaging;

/// <summary>
/// The <c>dotnet publish</c> of the function executable for one deploy mode: the same properties as
/// bench/publish-function-modes.sh, linux-x64 (the package source has no linux-arm64 runtime packs), built under
/// its own artifacts path so the everyday net10 <c>obj/</c> folders are untouched.
/// </summary>
public sealed record PublishPlan(string RepositoryRoot, DeployMode Mode)
{
    public const string ProjectPath = "functions/Serverless.Functions.Lambda/Serverless.Functions.Lambda.csproj";

    /// <summary>The executable's assembly name (and the managed runtime's <c>_HANDLER</c>).</summary>
    public const string AssemblyName = "Serverless.Functions.Lambda";

    /// <summary>What provided.al2023 runs: the package root's <c>bootstrap</c> file.</summary>
    public const string BootstrapName = "bootstrap";

    public const string RuntimeIdentifier = "linux-x64";

    public IReadOnlyList<string> Arguments(string outputDirectory)
    {
        var buildPath = Path.Combine(RepositoryRoot, "artifacts", "cdk-publish", Mode.Name());
        List<string> arguments =
        [
            "publish", Path.Combine(RepositoryRoot, ProjectPath),
            "-c", "Release",
            "-r", RuntimeIdentifier,
            "-o", outputDirectory,
            "-p:UseArtifactsOutput=true",
            $"-p:ArtifactsPath={buildPath}",
            "-nologo",
            "-v:q",
        ];
        arguments.AddRange(Mode switch
        {
            DeployMode.Jit => ["-p:SelfContained=false", "-p:PublishReadyToRun=false"],
            DeployMode.ReadyToRun => ["-p:SelfContained=false", "-p:PublishReadyToRun=true"],
            DeployMode.SelfContained => ["-p:SelfContained=true", "-p:PublishReadyToRun=true", "-p:PublishTrimmed=true"],
            DeployMode.Composite => ["-p:SelfContained=true", "-p:PublishReadyToRun=true", "-p:PublishReadyToRunComposite=true", "-p:PublishTrimmed=true"],
            DeployMode.Aot => ["-p:PublishAot=true"],
            _ => throw new ArgumentOutOfRangeException(nameof(Mode), Mode, null),
        });
        return arguments;
    }

    /// <summary>A self-contained executable is renamed to <c>bootstrap</c>, the file a custom runtime starts.</summary>
    public bool RenamesToBootstrap => !Mode.RunsOnManagedRuntime();
}
