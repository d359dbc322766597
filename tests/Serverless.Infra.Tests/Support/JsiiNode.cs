using System.Runtime.CompilerServices;
using Serverless.TestSupport;

namespace Serverless.Infra.Tests.Support;

/// <summary>
/// jsii starts node from PATH when the first CDK object is made; the repository pins Node 22 (the npm package
/// "node", installed by npm ci), which jsii supports without an end-of-life warning. Set before any test runs.
/// </summary>
internal static class JsiiNode
{
    [ModuleInitializer]
    internal static void UsePinnedNode()
    {
        var node22 = Path.Combine(RepoPaths.Root, "node_modules", "node", "bin", "node");
        if (File.Exists(node22) && Environment.GetEnvironmentVariable("JSII_NODE") is null)
        {
            Environment.SetEnvironmentVariable("JSII_NODE", node22);
        }
    }
}
