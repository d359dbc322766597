using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests.Support;

/// <summary>
/// Renders CloudFormation values as text so tests can compare ARNs: <c>{"Ref": "X"}</c> → <c>${X}</c>,
/// <c>{"Fn::GetAtt": ["A", "Arn"]}</c> → <c>${A.Arn}</c>, <c>Fn::Join</c> → the joined parts.
/// </summary>
public static class Intrinsics
{
    public static string Render(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        JsonObject obj when obj["Ref"] is { } reference => "${" + Render(reference) + "}",
        JsonObject obj when obj["Fn::GetAtt"] is JsonArray attribute => "${" + Render(attribute[0]) + "." + Render(attribute[1]) + "}",
        JsonObject obj when obj["Fn::Join"] is JsonArray join =>
            string.Join(Render(join[0]), ((JsonArray)join[1]!).Select(Render)),
        _ => node.ToJsonString(),
    };

    /// <summary>A single value or a list, as a list of rendered strings.</summary>
    public static IReadOnlyList<string> RenderList(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(Render).ToList(),
        _ => [Render(node)],
    };
}
