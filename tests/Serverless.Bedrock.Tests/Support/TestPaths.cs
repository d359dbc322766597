using Serverless.TestSupport;

namespace Serverless.Bedrock.Tests.Support;

internal static class TestPaths
{
    public static string Fixture(params string[] parts) => RepoPaths.Fixture(parts);
}
