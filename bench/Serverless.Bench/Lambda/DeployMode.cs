using System.Diagnostics;

namespace Serverless.Bench.Lambda;

/// <summary>
/// One published form of the Lambda executable (bench/publish-function-modes.sh) and how Lambda would start it:
/// the managed dotnet runtime runs <c>dotnet exec &lt;_HANDLER&gt;.dll</c>; provided.al2023 runs the <c>bootstrap</c> file.
/// </summary>
internal sealed record DeployMode(string Name, string Directory, bool RunsOnManagedRuntime)
{
    public const string AssemblyName = "Serverless.Functions.Lambda";

    public static readonly string[] Names = ["jit", "r2r", "self-contained", "composite", "aot-net9"];

    public string EntryFile => Path.Combine(Directory, RunsOnManagedRuntime ? AssemblyName + ".dll" : "bootstrap");

    public static DeployMode For(string name, string artifacts) =>
        new(name, Path.Combine(artifacts, name), RunsOnManagedRuntime: name is "jit" or "r2r");

    public ProcessStartInfo StartInfo(string runtimeApi, string function)
    {
        var start = RunsOnManagedRuntime ? new ProcessStartInfo("dotnet") : new ProcessStartInfo(EntryFile);
        if (RunsOnManagedRuntime)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(EntryFile);
            start.Environment["_HANDLER"] = AssemblyName;
            start.Environment["FUNCTION_HANDLER"] = function;
        }
        else
        {
            start.Environment["_HANDLER"] = function;
        }

        start.WorkingDirectory = Directory;
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "startup-bench";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        return start;
    }

    /// <summary>Bytes on disk of the published folder (what a deployment package would carry, symbols aside).</summary>
    public long PackageBytes() =>
        new DirectoryInfo(Directory).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.Extension is not ".dbg" and not ".pdb")
            .Sum(f => f.Length);
}
