using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.Functions.Tests.Support;

/// <summary>A text sink that keeps each completed line (metric lines written by the functions), safe to read while written.</summary>
internal sealed class CapturedLines : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _current = new();
    private readonly List<string> _lines = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The lines parsed as JSON objects.</summary>
    public IReadOnlyList<JsonObject> Objects => [.. Lines.Select(line => JsonNode.Parse(line)!.AsObject())];

    /// <summary>The lines that carry this metric.</summary>
    public IReadOnlyList<JsonObject> WithMetric(string name) => [.. Objects.Where(o => o.ContainsKey(name))];

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                _lines.Add(_current.ToString().TrimEnd('\r'));
                _current.Clear();
            }
            else
            {
                _current.Append(value);
            }
        }
    }
}
