using System.Net;
using System.Text.Json.Nodes;

namespace Serverless.Functions.Tests.Support;

/// <summary>The one error shape, read back from a response.</summary>
internal sealed record ErrorResponse(HttpStatusCode Status, string Code, string Message, bool Retryable, HttpResponseMessage Response)
{
    public static async Task<ErrorResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.False(response.IsSuccessStatusCode, $"expected an error, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal(3, error.AsObject().Count);
        return new ErrorResponse(response.StatusCode, (string)error["code"]!, (string)error["message"]!, (bool)error["retryable"]!, response);
    }

    /// <summary>Checks the status and that the message starts by naming the field.</summary>
    public static async Task<ErrorResponse> ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var error = await ReadAsync(response);
        Assert.True(status == error.Status, $"expected {(int)status}, got {(int)error.Status}: {error.Code} {error.Message}");
        Assert.StartsWith(field + ":", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        return error;
    }
}
