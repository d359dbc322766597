using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests.Support;

/// <summary>Read helpers over a synthesized template's JSON.</summary>
public sealed class TemplateView(JsonObject template)
{
    public JsonObject Json => template;

    public JsonObject Resources => template["Resources"]!.AsObject();

    public JsonObject Outputs => template["Outputs"]?.AsObject() ?? [];

    public IEnumerable<(string Id, JsonObject Resource)> OfType(string type) =>
        Resources.Where(r => r.Value?["Type"]?.GetValue<string>() == type).Select(r => (r.Key, r.Value!.AsObject()));

    public JsonObject Properties(string logicalId) => Resources[logicalId]!["Properties"]!.AsObject();

    /// <summary>The Lambda function running a handler (its description starts with the handler's name).</summary>
    public string FunctionOf(string handler)
    {
        var matches = OfType("AWS::Lambda::Function")
            .Where(f => f.Resource["Properties"]!["Description"]!.GetValue<string>().StartsWith(handler + " (", StringComparison.Ordinal))
            .Select(f => f.Id)
            .ToList();
        return matches.Count == 1 ? matches[0] : throw new InvalidOperationException($"{matches.Count} functions run '{handler}'.");
    }

    public IReadOnlyList<string> FunctionIds => OfType("AWS::Lambda::Function").Select(f => f.Id).ToList();

    /// <summary>The logical id of a function's role.</summary>
    public string RoleOf(string functionId) =>
        Properties(functionId)["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>();

    public IReadOnlyDictionary<string, string> EnvironmentOf(string functionId) =>
        Properties(functionId)["Environment"]?["Variables"]?.AsObject().ToDictionary(v => v.Key, v => Intrinsics.Render(v.Value))
        ?? new Dictionary<string, string>();

    /// <summary>Every statement of every identity and resource policy in the template.</summary>
    public IReadOnlyList<PolicyStatement> Statements()
    {
        var result = new List<PolicyStatement>();
        foreach (var (id, resource) in Resources.Select(r => (r.Key, r.Value!.AsObject())))
        {
            var type = resource["Type"]!.GetValue<string>();
            var properties = resource["Properties"]?.AsObject();
            if (properties is null)
            {
                continue;
            }

            switch (type)
            {
                case "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" or "AWS::S3::BucketPolicy" or "AWS::SNS::TopicPolicy":
                    var roles = properties["Roles"] is JsonArray attached
                        ? attached.Select(r => r!["Ref"]!.GetValue<string>()).ToList()
                        : [];
                    Add(result, id, type, roles, properties["PolicyDocument"]);
                    break;
                case "AWS::IAM::Role" when properties["Policies"] is JsonArray inline:
                    foreach (var policy in inline)
                    {
                        Add(result, id, type, [id], policy!["PolicyDocument"]);
                    }

                    break;
            }
        }

        return result;
    }

    /// <summary>What a role may do: its inline policies, attached policies, and managed policies of the template.</summary>
    public IReadOnlyList<PolicyStatement> StatementsOfRole(string roleId) =>
        Statements().Where(s => s.Roles.Contains(roleId)).ToList();

    public IReadOnlyList<PolicyStatement> TrustOf(string roleId)
    {
        var document = Properties(roleId)["AssumeRolePolicyDocument"]!;
        var result = new List<PolicyStatement>();
        Add(result, roleId, "AWS::IAM::Role#trust", [roleId], document);
        return result;
    }

    private static void Add(List<PolicyStatement> result, string owner, string type, IReadOnlyList<string> roles, JsonNode? document)
    {
        foreach (var statement in document?["Statement"]?.AsArray() ?? [])
        {
            result.Add(new PolicyStatement(
                owner,
                type,
                roles,
                statement!["Effect"]!.GetValue<string>(),
                Intrinsics.RenderList(statement["Action"]),
                Intrinsics.RenderList(statement["Resource"]),
                statement["Condition"]?.AsObject(),
                statement));
        }
    }
}
