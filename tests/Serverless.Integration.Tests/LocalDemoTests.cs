using Serverless.Local;

namespace Serverless.Integration.Tests;

/// <summary>The README's demo command (./run.sh local --demo) must keep working: every step succeeds and prints its evidence.</summary>
public class LocalDemoTests
{
    [Fact]
    public async Task EveryDemoStepSucceeds()
    {
        using var output = new StringWriter();

        var exitCode = await LocalDemo.RunAsync(output, timeScale: 0, seed: 7, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.DoesNotContain("FAILED", text);
        Assert.Contains("SigV4 verified", text);

        // Through the functions' API (local host → ledger → local Bedrock).
        Assert.Contains("Functions API on http://127.0.0.1:", text);
        Assert.Contains("200 text/event-stream", text);
        Assert.Contains("(turn 1 sent again as history)", text);
        Assert.Contains("another caller's conversationId: 404 ConversationNotFound", text);
        Assert.Contains("200 application/x-ndjson", text);
        Assert.Contains("mode native, attempts 1", text);
        Assert.Contains("mode toolUse, attempts 1", text);
        Assert.Contains("GET 200: status Completed", text);
        Assert.Contains("call 3: 429 QuotaExceeded, Retry-After", text);
        Assert.Contains("Bedrock received 2 of the 3 calls", text);

        // Straight against the local Bedrock.
        Assert.Contains("stopReason=end_turn", text);
        Assert.Contains("call 3: admitted", text);
        Assert.Contains("call 4: 429 ThrottlingException", text);
        Assert.Contains("call 3: admitted by the ledger, answered", text);
        Assert.Contains("call 4: refused by the ledger (RequestsPerMinute)", text);
        Assert.Contains("Bedrock throttled 0 of the ledger's calls", text);
        Assert.Contains("status Completed: 120 processed, 120 succeeded, 0 failed", text);
        Assert.Contains("\"totalRecordCount\":120", text);
    }
}
