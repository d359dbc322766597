using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>How to host a local Bedrock (everything about its behaviour is in the settings instead).</summary>
public sealed class LocalBedrockServerOptions
{
    /// <summary>HTTP/1.1 port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Cleartext HTTP/2 (prior knowledge) port on 127.0.0.1; null for none, 0 for a free port.</summary>
    public int? Http2Port { get; set; }

    /// <summary>The clock for quotas, latency and signatures; defaults to the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The store batch jobs and async invocations read and write (e.g. an S3ObjectStore on s3rver); in memory when null.</summary>
    public Jobs.Storage.IObjectStore? ObjectStore { get; set; }

    /// <summary>Extra services. The runtime, the model invoker, the jobs engine, the object store and TimeProvider are already registered.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Maps extra endpoints next to the runtime's and the jobs API's.</summary>
    public Action<WebApplication>? MapEndpoints { get; set; }

    /// <summary>Console logging of ASP.NET Core (off by default: it slows startup and floods test output).</summary>
    public bool EnableLogging { get; set; }
}
