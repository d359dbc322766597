namespace Serverless.Local;

/// <summary>One curl line per route against a running host (the README shows the same).</summary>
internal static class CurlExamples
{
    public const string Claude = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    public const string Nova = "amazon.nova-lite-v1:0";

    public static IEnumerable<(string Title, string Command)> For(Uri baseAddress)
    {
        var api = baseAddress.ToString().TrimEnd('/');
        const string json = "-H 'content-type: application/json'";
        yield return ("Converse", $$$$"""curl -s {{{{api}}}}/v1/converse {{{{json}}}} -d '{"modelId":"{{{{Claude}}}}","messages":[{"role":"user","content":[{"text":"Hello!"}]}]}'""");
        yield return ("ConverseStream as Server-Sent Events", $$$$"""curl -N {{{{api}}}}/v1/converse-stream {{{{json}}}} -d '{"modelId":"{{{{Claude}}}}","messages":[{"role":"user","content":[{"text":"Tell me a story."}]}]}'""");
        yield return ("A conversation (the reply names its conversationId; send it with the next message)", $$$$"""curl -s {{{{api}}}}/v1/converse {{{{json}}}} -d '{"modelId":"{{{{Claude}}}}","newConversation":true,"messages":[{"role":"user","content":[{"text":"My name is Ada."}]}]}'""");
        yield return ("InvokeModel, model-native body", $$$$"""curl -s {{{{api}}}}/v1/invoke/{{{{Claude}}}} {{{{json}}}} -d '{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}'""");
        yield return ("InvokeModelWithResponseStream as NDJSON", $$$$"""curl -N '{{{{api}}}}/v1/invoke-stream/{{{{Nova}}}}?format=ndjson' {{{{json}}}} -d '{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":{"maxTokens":50}}'""");
        yield return ("Structured output", $$$$"""curl -s {{{{api}}}}/v1/structured {{{{json}}}} -d '{"modelId":"{{{{Nova}}}}","messages":[{"role":"user","content":[{"text":"Describe Paris."}]}],"schema":{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},"required":["city","population"]}}'""");
        yield return ("CountTokens", $$$$"""curl -s {{{{api}}}}/v1/tokens {{{{json}}}} -d '{"modelId":"{{{{Claude}}}}","input":{"converse":{"messages":[{"role":"user","content":[{"text":"How many tokens is this?"}]}]}}}'""");
        yield return ("StartAsyncInvoke (then GET the Location it answers)", $$$$"""curl -si {{{{api}}}}/v1/async {{{{json}}}} -d '{"modelId":"{{{{Nova}}}}","modelInput":{"messages":[{"role":"user","content":[{"text":"Hi"}]}]},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://my-bucket/async/"}}}'""");
        yield return ("A batch: the state machine runs it here (then GET /v1/batch/<batchId> until SUCCEEDED)", $$$$"""curl -s {{{{api}}}}/v1/batch {{{{json}}}} -d '{"modelId":"{{{{Claude}}}}","records":[{"recordId":"r1","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}}]}'""");
        yield return ("Where a batch is: RUNNING, then SUCCEEDED with the run's summary", $"curl -s {api}/v1/batch/<batchId>");
        yield return ("Quota use of one model, and of all", $"curl -s {api}/v1/quota/{Claude}   ;   curl -s {api}/v1/quota");
    }
}
