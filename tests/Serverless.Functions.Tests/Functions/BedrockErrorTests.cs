using System.Net;
using Serverless.Functions.Tests.Support;
using Serverless.LocalBedrock.Configuration;
using Serverless.Quota;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Functions;

/// <summary>Bedrock's errors (injected by the local Bedrock) reach callers with the statuses they can act on.</summary>
public class BedrockErrorTests
{
    public static TheoryData<string, HttpStatusCode, bool> Faults => new()
    {
        { "ThrottlingException", HttpStatusCode.TooManyRequests, true },
        { "ValidationException", HttpStatusCode.BadRequest, false },
        { "AccessDeniedException", HttpStatusCode.Forbidden, false },
        { "ResourceNotFoundException", HttpStatusCode.NotFound, false },
        { "ModelTimeoutException", HttpStatusCode.GatewayTimeout, true },
        { "ServiceUnavailableException", HttpStatusCode.ServiceUnavailable, true },
        { "ModelNotReadyException", HttpStatusCode.ServiceUnavailable, true },
        { "InternalServerException", HttpStatusCode.BadGateway, true },
        { "ModelErrorException", HttpStatusCode.BadGateway, false },
        { "ServiceQuotaExceededException", HttpStatusCode.BadGateway, false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task ConverseMapsBedrocksErrors(string kind, HttpStatusCode status, bool retryable)
    {
        await using var env = await StartAsync(configure: c => c.Quota.Models[Nova].ConcurrentRequests = 2);
        env.Bedrock.Faults.Set("*", new FaultSettings { ErrorRate = 1, ErrorKind = kind });
        using var response = await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hi", 10));
        var error = await ErrorResponse.ReadAsync(response);
        Assert.Equal(status, error.Status);
        Assert.Equal(kind, error.Code);
        Assert.Equal(retryable, error.Retryable);
        Assert.Equal(0, (await env.StatusAsync(Nova)).Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task InvokeAndStreamsMapThemTheSame(string kind, HttpStatusCode status, bool retryable)
    {
        await using var env = await StartAsync();
        env.Bedrock.Faults.Set("*", new FaultSettings { ErrorRate = 1, ErrorKind = kind });
        foreach (var path in new[] { $"/v1/invoke/{Llama}", $"/v1/invoke-stream/{Llama}" })
        {
            using var response = await env.PostAsync(path, """{"prompt":"Hi","max_gen_len":10}""");
            var error = await ErrorResponse.ReadAsync(response);
            Assert.Equal(status, error.Status);
            Assert.Equal(kind, error.Code);
            Assert.Equal(retryable, error.Retryable);
        }

        using var stream = await env.PostAsync("/v1/converse-stream", ConverseBody(Llama, "Hi", 10));
        Assert.Equal(status, (await ErrorResponse.ReadAsync(stream)).Status);
    }

    [Fact]
    public async Task AnUnreachableBedrockIs502AndTheReservationIsSettled()
    {
        await using var env = await StartAsync(configure: c =>
        {
            c.BedrockEndpoint = new Uri($"http://127.0.0.1:{Serverless.TestSupport.FreePort.Next()}/");
            c.Quota.Models[Nova].ConcurrentRequests = 2;
        });
        using var response = await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hi", 10));
        var error = await ErrorResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal("BedrockUnreachable", error.Code);
        Assert.Equal(0, (await env.StatusAsync(Nova)).Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used);
    }
}
