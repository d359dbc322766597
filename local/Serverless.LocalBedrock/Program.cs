using System.Globalization;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Storage;

// Standalone local Bedrock: dotnet run -- [--port N] [--h2c-port N] [--config file.json] [--time-scale X] [--seed N] [--s3-endpoint URL]
var port = 4010;
int? h2cPort = null;
string? configPath = null;
double? timeScale = null;
int? seed = null;
Uri? s3Endpoint = null;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.", nameof(args));
    switch (args[i])
    {
        case "--port": port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--h2c-port": h2cPort = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--config": configPath = Value(); break;
        case "--time-scale": timeScale = double.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--s3-endpoint": s3Endpoint = new Uri(Value()); break;
        default:
            Console.Error.WriteLine($"Unknown argument {args[i]}. Usage: [--port N] [--h2c-port N] [--config file.json] [--time-scale X] [--seed N] [--s3-endpoint URL]");
            return 2;
    }
}

var settings = configPath is null ? SettingsLoader.Defaults() : SettingsLoader.LoadFile(configPath);
settings.TimeScale = timeScale ?? settings.TimeScale;
settings.Seed = seed ?? settings.Seed;

// Batch input and output live in memory unless an S3-compatible server (e.g. s3rver) is named.
using var s3 = s3Endpoint is null ? null : S3CompatibleStore.CreateClient(s3Endpoint);
var objectStore = s3 is null ? null : new S3ObjectStore(s3);
await using var server = await LocalBedrockServer.StartAsync(settings, new LocalBedrockServerOptions { Port = port, Http2Port = h2cPort, ObjectStore = objectStore });
Console.WriteLine($"local bedrock listening on {server.BaseAddress} (HTTP/1.1)");
if (server.Http2BaseAddress is { } h2)
{
    Console.WriteLine($"local bedrock listening on {h2} (HTTP/2 cleartext, prior knowledge)");
}

Console.WriteLine(s3Endpoint is null ? "batch jobs read and write s3:// URIs in memory" : $"batch jobs read and write s3:// URIs on {s3Endpoint}");
Console.WriteLine($"{settings.Models.Count} models, generation={settings.Generation.Mode}, timeScale={settings.TimeScale}, seed={settings.Seed}");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;
