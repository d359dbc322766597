namespace Serverless.Functions.Routing;

/// <summary>
/// A path template split into segments: literals, <c>{name}</c> (one segment, percent-decoded once) and a final
/// greedy <c>{name+}</c>. Matching works on the raw (still encoded) path so that an encoded '/' (%2F) inside a
/// parameter, as in an async invocation ARN, stays inside it.
/// </summary>
internal sealed class RouteTemplate
{
    private readonly Segment[] _segments;

    private RouteTemplate(Segment[] segments)
    {
        _segments = segments;
    }

    public IEnumerable<string> ParameterNames => _segments.Where(s => s.Parameter is not null).Select(s => s.Parameter!);

    public static RouteTemplate Parse(string template)
    {
        if (string.IsNullOrEmpty(template) || template[0] != '/')
        {
            throw new ArgumentException($"Route template '{template}' must start with '/'.", nameof(template));
        }

        var parts = template[1..].Split('/');
        var segments = new Segment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                var name = part[1..^1];
                var greedy = name.EndsWith('+');
                if (greedy && i != parts.Length - 1)
                {
                    throw new ArgumentException($"Route template '{template}': only the last segment may be greedy.", nameof(template));
                }

                segments[i] = new Segment(null, greedy ? name[..^1] : name, greedy);
            }
            else
            {
                segments[i] = new Segment(part, null, false);
            }
        }

        return new RouteTemplate(segments);
    }

    /// <summary>The decoded parameters when <paramref name="rawPath"/> matches, else null.</summary>
    public Dictionary<string, string>? Match(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath) || rawPath[0] != '/')
        {
            return null;
        }

        var parts = rawPath[1..].Split('/');
        var last = _segments[^1];
        if (parts.Length < _segments.Length || (parts.Length > _segments.Length && !last.Greedy))
        {
            return null;
        }

        Dictionary<string, string>? values = null;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Literal is { } literal)
            {
                if (!string.Equals(literal, parts[i], StringComparison.Ordinal))
                {
                    return null;
                }

                continue;
            }

            var raw = segment.Greedy ? string.Join('/', parts[i..]) : parts[i];
            if (raw.Length == 0)
            {
                return null;
            }

            values ??= new Dictionary<string, string>(StringComparer.Ordinal);
            values[segment.Parameter!] = Uri.UnescapeDataString(raw);
        }

        return values ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private readonly record struct Segment(string? Literal, string? Parameter, bool Greedy);
}
