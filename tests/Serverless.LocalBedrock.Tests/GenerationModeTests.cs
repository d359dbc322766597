namespace Serverless.LocalBedrock.Tests;

public sealed class GenerationModeTests
{
    private static string TextOf(System.Text.Json.JsonElement converse)
        => converse.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString()!;

    [Fact]
    public async Task Echo_returns_the_last_user_text()
    {
        await using var server = await TestServer.StartAsync(s => s.Generation.Mode = "echo");
        using var client = server.Client();
        var result = await (await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("repeat after me"))).OkJsonAsync();
        Assert.Equal("repeat after me", TextOf(result));
    }

    [Fact]
    public async Task Scripted_answers_exact_then_contains_then_falls_back_to_seeded()
    {
        var script = Path.Combine(Path.GetTempPath(), $"local-bedrock-script-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(script,
        [
            """{"prompt":"What is 2+2?","response":"4"}""",
            """{"prompt":"weather","response":"Sunny.","match":"contains"}""",
        ], TestContext.Current.CancellationToken);
        try
        {
            await using var server = await TestServer.StartAsync(s =>
            {
                s.Generation.Mode = "scripted";
                s.Generation.ScriptFile = script;
            });
            using var client = server.Client();
            Assert.Equal("4", TextOf(await (await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("What is 2+2?"))).OkJsonAsync()));
            Assert.Equal("Sunny.", TextOf(await (await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("How is the weather today?"))).OkJsonAsync()));
            var fallback = TextOf(await (await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("Unscripted"))).OkJsonAsync());
            Assert.NotEmpty(fallback);
            Assert.NotEqual("4", fallback);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task Seeded_text_depends_on_the_seed()
    {
        await using var a = await TestServer.StartAsync(s => s.Seed = 1);
        await using var b = await TestServer.StartAsync(s => s.Seed = 2);
        using var clientA = a.Client();
        using var clientB = b.Client();
        var textA = TextOf(await (await clientA.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("same"))).OkJsonAsync());
        var textB = TextOf(await (await clientB.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("same"))).OkJsonAsync());
        Assert.NotEqual(textA, textB);
    }
}
