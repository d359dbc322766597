using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests.Support;

/// <summary>One IAM statement of the template, with intrinsic functions rendered as text (see <see cref="Intrinsics"/>).</summary>
/// <param name="Owner">Logical id of the policy resource (AWS::IAM::Policy, ManagedPolicy, BucketPolicy, TopicPolicy).</param>
/// <param name="Roles">Logical ids of the roles the policy is attached to (empty for resource policies).</param>
public sealed record PolicyStatement(
    string Owner,
    string OwnerType,
    IReadOnlyList<string> Roles,
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    JsonObject? Condition,
    JsonNode Raw)
{
    public bool Allows => Effect == "Allow";

    /// <summary>The condition's value for an operator and key, rendered; null when absent.</summary>
    public string? ConditionValue(string op, string key) =>
        Condition?[op]?[key] is { } value ? Intrinsics.Render(value) : null;
}
