using System.Net;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Tests.Support;

namespace Serverless.Bedrock.Tests.Client;

public sealed class ErrorParsingTests
{
    public static TheoryData<string, int, Type, bool> ModelledErrors() => new()
    {
        { "AccessDeniedException", 403, typeof(AccessDeniedException), false },
        { "ResourceNotFoundException", 404, typeof(ResourceNotFoundException), false },
        { "ThrottlingException", 429, typeof(ThrottlingException), true },
        { "ModelNotReadyException", 429, typeof(ModelNotReadyException), true },
        { "ModelTimeoutException", 408, typeof(ModelTimeoutException), false },
        { "ModelErrorException", 424, typeof(ModelErrorException), false },
        { "ModelStreamErrorException", 424, typeof(ModelStreamErrorException), false },
        { "ServiceUnavailableException", 503, typeof(ServiceUnavailableException), true },
        { "InternalServerException", 500, typeof(InternalServerException), true },
        { "ValidationException", 400, typeof(ValidationException), false },
        { "ServiceQuotaExceededException", 400, typeof(ServiceQuotaExceededException), false },
        { "ConflictException", 400, typeof(ConflictException), false },
    };

    [Theory]
    [MemberData(nameof(ModelledErrors))]
    public async Task Header_error_type_with_url_suffix_maps_to_the_typed_exception(string code, int status, Type type, bool retryable)
    {
        var handler = new FakeBedrockHandler().Respond((HttpStatusCode)status, $$"""{"message":"{{code}} happened"}""",
            ("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazon.bedrock/"), ("x-amzn-RequestId", "req-1"));
        var error = await SendOnce(handler);

        Assert.IsType(type, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal("req-1", error.RequestId);
        Assert.Equal(code + " happened", error.Message);
    }

    [Theory]
    [MemberData(nameof(ModelledErrors))]
    public async Task Body_type_with_namespace_prefix_maps_to_the_typed_exception(string code, int status, Type type, bool retryable)
    {
        var handler = new FakeBedrockHandler().Respond((HttpStatusCode)status, $$"""{"__type":"com.amazon.bedrock#{{code}}","Message":"capital M"}""");
        var error = await SendOnce(handler);

        Assert.IsType(type, error);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal("capital M", error.Message);
    }

    [Fact]
    public async Task Body_code_member_is_used_when_there_is_no_type()
    {
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.BadRequest, """{"code":"ValidationException","message":"bad"}""");
        Assert.IsType<ValidationException>(await SendOnce(handler));
    }

    [Fact]
    public async Task Model_error_carries_original_status_and_resource()
    {
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.FailedDependency,
            """{"message":"model failed","originalStatusCode":500,"resourceName":"arn:x"}""", ("x-amzn-ErrorType", "ModelErrorException"));
        var error = Assert.IsType<ModelErrorException>(await SendOnce(handler));
        Assert.Equal(500, error.OriginalStatusCode);
        Assert.Equal("arn:x", error.ResourceName);
    }

    [Theory]
    [InlineData(418, false)]
    [InlineData(502, true)]
    [InlineData(429, true)]
    public async Task Unknown_codes_become_the_base_exception_classified_by_status(int status, bool retryable)
    {
        var handler = new FakeBedrockHandler().Respond((HttpStatusCode)status, "<html>proxy error</html>");
        var error = await SendOnce(handler);
        Assert.Equal(typeof(BedrockException), error.GetType());
        Assert.Equal("Http" + status, error.ErrorCode);
        Assert.Equal(retryable, error.IsRetryable);
    }

    private static async Task<BedrockException> SendOnce(FakeBedrockHandler handler)
    {
        var options = TestOptions.Create(handler);
        options.Retry.MaxAttempts = 1;
        using var client = new BedrockRuntimeClient(options);
        return await Assert.ThrowsAnyAsync<BedrockException>(() => client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken));
    }
}
