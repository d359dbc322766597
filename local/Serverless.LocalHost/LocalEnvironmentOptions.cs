using Serverless.Functions;
using Serverless.Functions.Configuration;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalHost;

/// <summary>What <see cref="LocalEnvironment"/> starts; every part has a working default.</summary>
public sealed class LocalEnvironmentOptions
{
    /// <summary>The local Bedrock's settings; null for the embedded defaults.</summary>
    public LocalBedrockSettings? BedrockSettings { get; set; }

    /// <summary>How the local Bedrock is hosted (its port, clock); null for a free port and the system clock.</summary>
    public LocalBedrockServerOptions? BedrockServer { get; set; }

    /// <summary>How the functions are hosted (port, timeout, caller header).</summary>
    public LocalHostOptions Host { get; set; } = new();

    /// <summary>Clock, randomness and clients of the functions; the Bedrock credentials default to local placeholders.</summary>
    public FunctionDependencies Dependencies { get; set; } = new();

    /// <summary>Changes the derived configuration before the catalog is built (e.g. a DynamoDB ledger, tighter quotas).</summary>
    public Action<FunctionsConfiguration>? Configure { get; set; }
}
