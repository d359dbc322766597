using System.Text.Json;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary>
/// One compiled assertion or applicator. <paramref name="location"/> is the JSON pointer to the keyword in the
/// schema document, reported with each error so a reader can find the rule.
/// </summary>
internal abstract class Keyword(string location)
{
    public string Location { get; } = location;

    /// <summary>
    /// True when <paramref name="instance"/> passes. With a <paramref name="sink"/>, failures are reported there and
    /// evaluation continues to find more; without one, the first failure ends evaluation (used inside anyOf, not, if).
    /// </summary>
    public abstract bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink);

    protected bool Fail(ErrorSink? sink, InstancePath path, string message)
    {
        sink?.Add(path, Location, message);
        return false;
    }

    /// <summary>Whether to keep looking after a failure (only when collecting errors and not yet at the cap).</summary>
    protected static bool KeepGoing(ErrorSink? sink) => sink is { Full: false };
}
