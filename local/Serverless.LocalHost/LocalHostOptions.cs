namespace Serverless.LocalHost;

/// <summary>How the local host serves the functions.</summary>
public sealed class LocalHostOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Each invocation's deadline, as a Lambda timeout would set it (concurrency leases last until then).</summary>
    public TimeSpan FunctionTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The request header that names the caller (stands in for the IAM principal API Gateway would see).</summary>
    public string CallerHeader { get; set; } = "x-caller-id";

    /// <summary>The caller when the header is absent.</summary>
    public string DefaultCaller { get; set; } = "local";

    /// <summary>The clock deadlines are computed on.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>ASP.NET Core console logging (off: it slows every request and floods test output).</summary>
    public bool EnableLogging { get; set; }
}
