using System.Text.Json;

namespace Serverless.LocalBedrock.Generation;

/// <summary>
/// Scripted answers from a JSONL file: one <c>{"prompt": "...", "response": "...", "match": "exact"|"contains"}</c>
/// per line. Exact entries win over contains entries; the first matching line of each kind wins.
/// </summary>
internal sealed class ScriptBook
{
    private readonly List<(string Prompt, string Response, bool Contains)> _entries;

    private ScriptBook(List<(string, string, bool)> entries)
    {
        _entries = entries;
    }

    public static ScriptBook Load(string path)
    {
        var entries = new List<(string, string, bool)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var prompt = root.GetProperty("prompt").GetString() ?? throw new InvalidDataException("prompt is null");
                var response = root.GetProperty("response").GetString() ?? throw new InvalidDataException("response is null");
                var contains = root.TryGetProperty("match", out var match) && match.GetString() == "contains";
                entries.Add((prompt, response, contains));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected {{\"prompt\": string, \"response\": string, \"match\"?: \"exact\"|\"contains\"}} ({e.Message})", e);
            }
        }

        return new ScriptBook(entries);
    }

    public string? Find(string prompt)
    {
        foreach (var entry in _entries)
        {
            if (!entry.Contains && string.Equals(entry.Prompt, prompt, StringComparison.Ordinal))
            {
                return entry.Response;
            }
        }

        foreach (var entry in _entries)
        {
            if (entry.Contains && prompt.Contains(entry.Prompt, StringComparison.Ordinal))
            {
                return entry.Response;
            }
        }

        return null;
    }
}
