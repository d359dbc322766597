using System.Net;
using System.Text;
using Amazon.Runtime;
using Serverless.TestSupport;

namespace Serverless.Bedrock.Tests.Support;

/// <summary>A recorded request as it left the client (body captured at send time).</summary>
internal sealed record SentRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, byte[] Body, DateTimeOffset At);

/// <summary>Answers each request with the next scripted response and records what was sent.</summary>
internal sealed class FakeBedrockHandler : HttpMessageHandler
{
    private readonly Queue<Func<SentRequest, CancellationToken, Task<HttpResponseMessage>>> _responses = new();

    public List<SentRequest> Requests { get; } = [];

    /// <summary>The clock stamped on each recorded request (a test's ManualTimeProvider).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public FakeBedrockHandler Respond(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        _responses.Enqueue((_, _) => Task.FromResult(Response(status, Encoding.UTF8.GetBytes(json), "application/json", headers)));
        return this;
    }

    public FakeBedrockHandler RespondBytes(HttpStatusCode status, byte[] body, string contentType, params (string Name, string Value)[] headers)
    {
        _responses.Enqueue((_, _) => Task.FromResult(Response(status, body, contentType, headers)));
        return this;
    }

    public FakeBedrockHandler Respond(Func<SentRequest, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responses.Enqueue(responder);
        return this;
    }

    public FakeBedrockHandler Throw(Exception exception)
    {
        _responses.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    public static HttpResponseMessage Response(HttpStatusCode status, byte[] body, string contentType, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }
        }

        var sent = new SentRequest(request.Method, request.RequestUri!, headers, body, Clock.GetUtcNow());
        Requests.Add(sent);
        if (_responses.Count == 0)
        {
            throw new InvalidOperationException($"No scripted response for request #{Requests.Count}: {request.Method} {request.RequestUri}");
        }

        return await _responses.Dequeue()(sent, cancellationToken);
    }
}

/// <summary>Options wired to a fake handler, fixed credentials, a manual clock and a seeded Random.</summary>
internal static class TestOptions
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static BedrockClientOptions Create(FakeBedrockHandler handler, ManualTimeProvider? time = null, Random? random = null)
    {
        time ??= new ManualTimeProvider(Start);
        handler.Clock = time;
        return Build(handler, time, random);
    }

    private static BedrockClientOptions Build(FakeBedrockHandler handler, ManualTimeProvider time, Random? random) => new()
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials(ReferenceSigV4.AccessKey, ReferenceSigV4.SecretKey),
        HttpMessageHandler = handler,
        TimeProvider = time,
        Random = random ?? new Random(1234),
        EnvironmentVariables = _ => null,
    };
}
