using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Serverless.LocalBedrock.Auth;
using Serverless.LocalBedrock.Configuration;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// A loopback Step Functions that speaks StartExecution and DescribeExecution as the service does: it refuses anything
/// not signed for <c>states</c> with the test keys (the local Bedrock's SigV4 verifier), not AWS JSON 1.0, or not
/// targeted at one of those two operations, and keeps STANDARD idempotency (same name and input while running → the
/// same execution; a closed execution or another input → 400 ExecutionAlreadyExists). DescribeExecution of an unknown
/// ARN → 400 ExecutionDoesNotExist. Faults queued in <see cref="Faults"/> answer the next requests instead.
/// </summary>
internal sealed class FakeStepFunctions : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDSTATES";
    public const string SecretAccessKey = "states-secret";
    public const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:bedrock-batch";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Execution> _executions = new(StringComparer.Ordinal);
    private readonly SigV4Verifier _verifier = new(TimeProvider.System, "states");
    private readonly AuthSettings _auth = new() { AccessKeyId = AccessKeyId, SecretAccessKey = SecretAccessKey };

    private FakeStepFunctions(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static AWSCredentials Credentials => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);

    /// <summary>Every request that passed the signature check, in arrival order (the JSON body and the headers).</summary>
    public ConcurrentQueue<(JsonObject Body, Dictionary<string, string> Headers)> Requests { get; } = new();

    /// <summary>Requests refused before the operation ran (bad signature, target or content type).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Errors (status, __type) the next requests get instead of being served.</summary>
    public ConcurrentQueue<(int Status, string Type)> Faults { get; } = new();

    public IReadOnlyDictionary<string, Execution> Executions => _executions;

    /// <summary>Marks an execution as finished: a repeated start then gets ExecutionAlreadyExists, as from AWS.</summary>
    public void Close(string name) => Finish(name, "SUCCEEDED");

    /// <summary>Ends an execution with a status (SUCCEEDED with its output, or FAILED etc. with an error and cause).</summary>
    public void Finish(string name, string status, string? output = null, string? error = null, string? cause = null)
        => _executions[name] = _executions[name] with { Closed = true, Status = status, StopDate = _executions[name].StartDate + 3_600.5, Output = output, Error = error, Cause = cause };

    /// <summary>Adds an execution this fake did not start (another caller's, say).</summary>
    public void Add(string name, string input) => _executions[name] = NewExecution(name, input);

    public static async Task<FakeStepFunctions> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? listener = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listener = listen;
        }));
        var app = builder.Build();
        FakeStepFunctions? fake = null;
        app.Run(http => fake!.HandleAsync(http));
        await app.StartAsync(TestContext.Current.CancellationToken);
        fake = new FakeStepFunctions(app, new Uri($"http://127.0.0.1:{listener!.IPEndPoint!.Port}/"));
        return fake;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        if (_verifier.Verify(http.Request, body, _auth) is { } failure)
        {
            Refused.Enqueue(failure.Message);
            await ErrorAsync(http, failure.StatusCode, failure.ErrorType, failure.Message);
            return;
        }

        if (http.Request.Method != "POST" || http.Request.Path != "/" || http.Request.ContentType != "application/x-amz-json-1.0")
        {
            Refused.Enqueue($"{http.Request.Method} {http.Request.Path} {http.Request.ContentType}");
            await ErrorAsync(http, 400, "SerializationException", "Expected POST / with application/x-amz-json-1.0.");
            return;
        }

        var target = http.Request.Headers["X-Amz-Target"].ToString();
        if (target is not ("AWSStepFunctions.StartExecution" or "AWSStepFunctions.DescribeExecution"))
        {
            Refused.Enqueue("target " + target);
            await ErrorAsync(http, 400, "UnknownOperationException", "Only StartExecution and DescribeExecution are served here.");
            return;
        }

        var request = JsonNode.Parse(body)!.AsObject();
        // Kestrel reuses its header collection once the response is sent: keep a copy.
        Requests.Enqueue((request, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (Faults.TryDequeue(out var fault))
        {
            await ErrorAsync(http, fault.Status, fault.Type, $"{fault.Type} (injected)");
            return;
        }

        if (target == "AWSStepFunctions.DescribeExecution")
        {
            await DescribeAsync(http, (string?)request["executionArn"]);
            return;
        }

        var name = (string)request["name"]!;
        var input = (string?)request["input"] ?? "{}";
        var fresh = NewExecution(name, input);
        var execution = _executions.GetOrAdd(name, fresh);
        if (!ReferenceEquals(execution, fresh) && (execution.Closed || execution.Input != input))
        {
            await ErrorAsync(http, 400, "ExecutionAlreadyExists", $"Execution Already Exists: '{execution.Arn}'");
            return;
        }

        http.Response.ContentType = "application/x-amz-json-1.0";
        await http.Response.WriteAsync(new JsonObject { ["executionArn"] = execution.Arn, ["startDate"] = execution.StartDate }.ToJsonString());
    }

    private async Task DescribeAsync(HttpContext http, string? executionArn)
    {
        var execution = _executions.Values.FirstOrDefault(e => e.Arn == executionArn);
        if (execution is null)
        {
            await ErrorAsync(http, 400, "ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");
            return;
        }

        var answer = new JsonObject
        {
            ["executionArn"] = execution.Arn,
            ["stateMachineArn"] = StateMachineArn,
            ["name"] = execution.Name,
            ["status"] = execution.Status,
            ["startDate"] = execution.StartDate,
            ["input"] = execution.Input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
            ["redriveCount"] = 0,
        };
        if (execution.StopDate is { } stopDate)
        {
            answer["stopDate"] = stopDate;
        }

        foreach (var (member, value) in new[] { ("output", execution.Output), ("error", execution.Error), ("cause", execution.Cause) })
        {
            if (value is not null)
            {
                answer[member] = value;
            }
        }

        http.Response.ContentType = "application/x-amz-json-1.0";
        await http.Response.WriteAsync(answer.ToJsonString());
    }

    private Execution NewExecution(string name, string input)
        => new(name, StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name, input,
            1_767_225_600.125 + _executions.Count, false);

    private static async Task ErrorAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/x-amz-json-1.0";
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await http.Response.WriteAsync(new JsonObject { ["__type"] = "com.amazonaws.swf.base.model#" + type, ["message"] = message }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    public sealed record Execution(string Name, string Arn, string Input, double StartDate, bool Closed)
    {
        public string Status { get; init; } = "RUNNING";

        public double? StopDate { get; init; }

        public string? Output { get; init; }

        public string? Error { get; init; }

        public string? Cause { get; init; }
    }
}
