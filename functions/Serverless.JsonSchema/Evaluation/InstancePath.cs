using System.Text;

namespace Serverless.Schemas.Evaluation;

/// <summary>
/// Where validation is in the instance, as a chain of steps; the JSON pointer string is built only when an error
/// is reported, so a valid instance costs no string work.
/// </summary>
internal sealed class InstancePath
{
    public static readonly InstancePath Root = new(null, null, -1);

    private readonly InstancePath? _parent;
    private readonly string? _property;
    private readonly int _index;

    private InstancePath(InstancePath? parent, string? property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    public InstancePath Property(string name) => new(this, name, -1);

    public InstancePath Index(int index) => new(this, null, index);

    /// <summary>The RFC 6901 pointer: empty for the root, else "/a/0/b" with '~' and '/' escaped.</summary>
    public string ToPointer()
    {
        if (_parent is null)
        {
            return string.Empty;
        }

        var steps = new Stack<InstancePath>();
        for (var step = this; step._parent is not null; step = step._parent)
        {
            steps.Push(step);
        }

        var builder = new StringBuilder();
        foreach (var step in steps)
        {
            builder.Append('/');
            if (step._property is { } property)
            {
                builder.Append(JsonPointer.Escape(property));
            }
            else
            {
                builder.Append(step._index);
            }
        }

        return builder.ToString();
    }

    /// <summary>How a location reads in a message: "/" for the whole document.</summary>
    public string ToDisplay() => _parent is null ? "/" : ToPointer();
}
