namespace Serverless.Infra.Configuration;

/// <summary>
/// How the one function executable (functions/Serverless.Functions.Lambda) is published and which Lambda runtime runs
/// it. The modes and their start-up numbers: docs/lambda-runtime.md (bench/publish-function-modes.sh publishes them all).
/// </summary>
public enum DeployMode
{
    /// <summary>Framework-dependent, JIT only, on the managed dotnet10 runtime.</summary>
    Jit,

    /// <summary>Framework-dependent, ReadyToRun, on the managed dotnet10 runtime.</summary>
    ReadyToRun,

    /// <summary>Self-contained, ReadyToRun, trimmed, on provided.al2023 (the executable is named <c>bootstrap</c>).</summary>
    SelfContained,

    /// <summary>
    /// As <see cref="SelfContained"/>, the framework and the app compiled into one composite ReadyToRun image: the
    /// fastest CoreCLR mode (0.73 of JIT, docs/benchmarks.md) and the fastest this repository's package source builds.
    /// </summary>
    Composite,

    /// <summary>
    /// Native AOT on provided.al2023, the default: the only mode within the start-up goal (0.13 of JIT with every
    /// function registered, docs/benchmarks.md). Needs .NET 10's NativeAOT runtime pack (on nuget.org; absent from this
    /// repository's package source, where <c>-c deployMode=composite</c> is used) and a Linux x64 machine with clang.
    /// </summary>
    Aot,
}

public static class DeployModes
{
    /// <summary>The names used in cdk.json (<c>deployMode</c>) and by bench/publish-function-modes.sh.</summary>
    public static string Name(this DeployMode mode) => mode switch
    {
        DeployMode.Jit => "jit",
        DeployMode.ReadyToRun => "r2r",
        DeployMode.SelfContained => "self-contained",
        DeployMode.Composite => "composite",
        DeployMode.Aot => "aot",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static bool TryParse(string name, out DeployMode mode)
    {
        foreach (var candidate in Enum.GetValues<DeployMode>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }

    public static string AllNames => string.Join(", ", Enum.GetValues<DeployMode>().Select(m => m.Name()));

    /// <summary>True when Lambda's managed dotnet runtime runs the assembly; false for a custom runtime's <c>bootstrap</c>.</summary>
    public static bool RunsOnManagedRuntime(this DeployMode mode) => mode is DeployMode.Jit or DeployMode.ReadyToRun;
}
