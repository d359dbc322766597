using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Serverless.LocalBedrock.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task The_h2c_endpoint_answers_over_http2_with_prior_knowledge()
    {
        await using var server = await TestServer.StartAsync(http2Port: 0);
        Assert.NotNull(server.Http2BaseAddress);
        using var client = new HttpClient { BaseAddress = server.Http2BaseAddress, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var request = new HttpRequestMessage(HttpMethod.Post, TestServer.Path(TestServer.NovaLite, "converse-stream"))
        {
            Content = new StringContent(TestServer.ConverseBody("over h2"), Encoding.UTF8, "application/json"),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("metadata", (await response.EventsAsync())[^1].EventType);
    }

    [Fact]
    public async Task Extra_endpoints_can_be_mapped_next_to_the_runtime()
    {
        var settings = SettingsLoader.Defaults();
        await using var server = await LocalBedrockServer.StartAsync(settings, new LocalBedrockServerOptions
        {
            MapEndpoints = app => app.MapGet("/extra/hello", (HttpContext http) => http.Response.WriteAsync("hello", http.RequestAborted)),
        }, TestContext.Current.CancellationToken);
        using var client = server.Client();
        Assert.Equal("hello", await client.GetStringAsync("extra/hello", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_override_merges_into_the_defaults_member_by_member()
    {
        var settings = SettingsLoader.Merge("""{"timeScale":0.25,"models":{"amazon.nova-lite-v1:0":{"quota":{"requestsPerMinute":7}},"my.model":{"format":"llama"}}}""");
        Assert.Equal(0.25, settings.TimeScale);
        Assert.Equal(7, settings.Models["amazon.nova-lite-v1:0"].Quota.RequestsPerMinute);
        Assert.Equal(4_000_000, settings.Models["amazon.nova-lite-v1:0"].Quota.TokensPerMinute);
        Assert.Equal("llama", settings.Models["my.model"].Format);
        Assert.Contains("us.anthropic.claude-sonnet-4-5-20250929-v1:0", settings.Models[TestServer.Sonnet45].InferenceProfiles);
        Assert.Equal(5, settings.Models[TestServer.Sonnet45].OutputTokenBurndown);
        Assert.Equal(1, settings.Models[TestServer.Haiku3].OutputTokenBurndown);
    }

    [Fact]
    public void A_misspelt_setting_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => SettingsLoader.Merge("""{"timeScael":1}"""));
        Assert.Contains("timeScael", error.Message);
    }

    [Fact]
    public async Task The_model_invoker_answers_without_quota_or_latency()
    {
        await using var server = await TestServer.StartAsync(s =>
        {
            s.Models[TestServer.Haiku3].Quota = new QuotaSettings { RequestsPerMinute = 0 };
            s.TimeScale = 1;
        });
        Assert.True(server.ModelInvoker.IsKnownModel(TestServer.Haiku3));
        Assert.False(server.ModelInvoker.IsKnownModel("nope"));
        using var input = JsonDocument.Parse(TestServer.AnthropicBody("batch record"));
        var result = await server.ModelInvoker.InvokeAsync(TestServer.Haiku3, input.RootElement, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal("message", result.ModelOutput!.Value.GetProperty("type").GetString());
        Assert.Equal(result.OutputTokens, result.ModelOutput.Value.GetProperty("usage").GetProperty("output_tokens").GetInt32());

        using var bad = JsonDocument.Parse("""{"anthropic_version":"bedrock-2023-05-31","messages":[]}""");
        var failed = await server.ModelInvoker.InvokeAsync(TestServer.Haiku3, bad.RootElement, TestContext.Current.CancellationToken);
        Assert.Equal(400, failed.ErrorCode);
        Assert.Contains("max_tokens", failed.ErrorMessage);
    }
}
