using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Xunit;

namespace Serverless.TestSupport;

/// <summary>
/// An s3rver (the repo's npm dev dependency) on a free loopback port with a throw-away data directory, and an
/// <see cref="IAmazonS3"/> client configured for it. Requires <c>npm ci</c> at the repository root.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    // s3rver checks SigV4 signatures against its built-in account S3RVER / S3RVER.
    private const string AccessKey = "S3RVER";
    private const string SecretKey = "S3RVER";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private DirectoryInfo? _directory;
    private AmazonS3Client? _client;

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public IAmazonS3 Client => _client ?? throw new InvalidOperationException("The s3rver fixture is not started.");

    public async ValueTask InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run `npm ci` in {RepoPaths.Root}.");
        }

        _directory = Directory.CreateTempSubdirectory("s3rver-");
        Port = FreePort.Next();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--directory", _directory.FullName, "--address", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--no-vhost-buckets" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitUntilListeningAsync().ConfigureAwait(false);
        _client = new AmazonS3Client(
            new BasicAWSCredentials(AccessKey, SecretKey),
            new AmazonS3Config
            {
                ServiceURL = ServiceUrl,
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
            });
    }

    /// <summary>Creates a bucket (s3rver starts with none) and returns its name.</summary>
    public async Task<string> CreateBucketAsync(string name, CancellationToken cancellationToken)
    {
        await Client.PutBucketAsync(name, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }

            process.Dispose();
        }

        if (_directory is { Exists: true } directory)
        {
            directory.Delete(recursive: true);
        }
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

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                // Polls a child process's startup, not simulated time: there is no clock to advance here.
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"s3rver did not listen on port {Port} within {StartTimeout}:\n{Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
