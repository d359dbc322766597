using Serverless.Local;

namespace Serverless.Integration.Tests;

/// <summary>The README's run command (./run.sh local) must keep working: every step succeeds and prints its evidence.</summary>
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
