using System.Text.Json;

namespace Serverless.Bedrock.Tests.Support;

internal sealed record ModelMember(string Name, string Target, string? Location, string? WireName, bool Required);

internal sealed record ModelShape(string Name, string Type, IReadOnlyDictionary<string, ModelMember> Members, string? ListMember, string? MapValue);

internal sealed record ModelOperation(string Name, string Method, string Uri, string Input, string Output);

/// <summary>
/// The parts of a botocore or Smithy JSON model the conformance tests need, in one neutral form: locations are
/// "path", "header", "query" or null (JSON body); types are structure, union, list, map, document or a scalar.
/// </summary>
internal sealed class ServiceModel
{
    private ServiceModel(string source, Dictionary<string, ModelShape> shapes, Dictionary<string, ModelOperation> operations)
    {
        Source = source;
        Shapes = shapes;
        Operations = operations;
    }

    public string Source { get; }

    public IReadOnlyDictionary<string, ModelShape> Shapes { get; }

    public IReadOnlyDictionary<string, ModelOperation> Operations { get; }

    public static ServiceModel Botocore(string service, string version)
    {
        var path = TestPaths.Fixture("bedrock-models", "botocore", service, version, "service-2.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var shapes = new Dictionary<string, ModelShape>();
        foreach (var shape in root.GetProperty("shapes").EnumerateObject())
        {
            var s = shape.Value;
            var type = s.GetProperty("type").GetString()!;
            if (type == "structure" && s.TryGetProperty("union", out var u) && u.GetBoolean())
            {
                type = "union";
            }
            else if (type == "structure" && s.TryGetProperty("document", out var d) && d.GetBoolean())
            {
                type = "document";
            }

            var required = s.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
            var members = new Dictionary<string, ModelMember>();
            if (s.TryGetProperty("members", out var ms))
            {
                foreach (var m in ms.EnumerateObject())
                {
                    var location = m.Value.TryGetProperty("location", out var l) ? l.GetString() switch
                    {
                        "uri" => "path",
                        "header" => "header",
                        "querystring" => "query",
                        var other => other,
                    } : null;
                    var wire = m.Value.TryGetProperty("locationName", out var ln) ? ln.GetString() : null;
                    members[m.Name] = new ModelMember(m.Name, m.Value.GetProperty("shape").GetString()!, location, wire, required.Contains(m.Name));
                }
            }

            shapes[shape.Name] = new ModelShape(shape.Name, type, members,
                s.TryGetProperty("member", out var lm) ? lm.GetProperty("shape").GetString() : null,
                s.TryGetProperty("value", out var mv) ? mv.GetProperty("shape").GetString() : null);
        }

        var operations = new Dictionary<string, ModelOperation>();
        foreach (var op in root.GetProperty("operations").EnumerateObject())
        {
            var http = op.Value.GetProperty("http");
            operations[op.Name] = new ModelOperation(op.Name, http.GetProperty("method").GetString()!, http.GetProperty("requestUri").GetString()!,
                op.Value.GetProperty("input").GetProperty("shape").GetString()!,
                op.Value.GetProperty("output").GetProperty("shape").GetString()!);
        }

        return new ServiceModel("botocore/" + service, shapes, operations);
    }

    public static ServiceModel Smithy(string file)
    {
        var path = TestPaths.Fixture("bedrock-models", "smithy", file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var shapes = new Dictionary<string, ModelShape>();
        var operations = new Dictionary<string, ModelOperation>();
        foreach (var shape in document.RootElement.GetProperty("shapes").EnumerateObject())
        {
            var s = shape.Value;
            var name = Local(shape.Name);
            var type = s.GetProperty("type").GetString()!;
            if (type == "operation")
            {
                var http = s.GetProperty("traits").GetProperty("smithy.api#http");
                operations[name] = new ModelOperation(name, http.GetProperty("method").GetString()!, http.GetProperty("uri").GetString()!,
                    Local(s.GetProperty("input").GetProperty("target").GetString()!),
                    Local(s.GetProperty("output").GetProperty("target").GetString()!));
                continue;
            }

            var members = new Dictionary<string, ModelMember>();
            if (s.TryGetProperty("members", out var ms))
            {
                foreach (var m in ms.EnumerateObject())
                {
                    string? location = null;
                    string? wire = null;
                    var required = false;
                    if (m.Value.TryGetProperty("traits", out var traits))
                    {
                        if (traits.TryGetProperty("smithy.api#httpLabel", out _))
                        {
                            (location, wire) = ("path", m.Name);
                        }
                        else if (traits.TryGetProperty("smithy.api#httpHeader", out var h))
                        {
                            (location, wire) = ("header", h.GetString());
                        }
                        else if (traits.TryGetProperty("smithy.api#httpQuery", out var q))
                        {
                            (location, wire) = ("query", q.GetString());
                        }

                        required = traits.TryGetProperty("smithy.api#required", out _);
                    }

                    members[m.Name] = new ModelMember(m.Name, Local(m.Value.GetProperty("target").GetString()!), location, wire, required);
                }
            }

            shapes[name] = new ModelShape(name, type, members,
                s.TryGetProperty("member", out var lm) ? Local(lm.GetProperty("target").GetString()!) : null,
                s.TryGetProperty("value", out var mv) ? Local(mv.GetProperty("target").GetString()!) : null);
        }

        shapes["Document"] = new ModelShape("Document", "document", new Dictionary<string, ModelMember>(), null, null);
        return new ServiceModel("smithy/" + file, shapes, operations);
    }

    /// <summary>The shape a member points to; Smithy prelude scalars (String, Integer, ...) become scalar shapes.</summary>
    public ModelShape Resolve(string shapeName) =>
        Shapes.TryGetValue(shapeName, out var shape)
            ? shape
            : new ModelShape(shapeName, "scalar", new Dictionary<string, ModelMember>(), null, null);

    private static string Local(string id) => id[(id.IndexOf('#') + 1)..];
}
