using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;

namespace Serverless.Infra.Resources;

/// <summary>
/// Who may call: a managed policy allowing execute-api:Invoke on exactly the API's routes and the Function URLs of
/// the streaming functions (attach it to any role or user of this account), and — when cdk.json names
/// <c>allowedCallers</c> — a role those principals (other accounts too) assume to call. HTTP APIs have no resource
/// policy, so a principal of another account calls through this role.
/// </summary>
public sealed class CallerAccess : Construct
{
    public CallerAccess(
        Construct scope,
        string id,
        InfraSettings settings,
        HttpApiFrontDoor api,
        StreamingUrls urls,
        HandlerFunctions functions) : base(scope, id)
    {
        var statements = new List<PolicyStatement>();
        if (settings.Auth.Kind == ApiAuthKind.Iam && api.Routes.Count > 0)
        {
            statements.Add(Security.Statements.Allow(["execute-api:Invoke"], [.. api.Routes.Select(api.InvokeArn)]));
        }

        if (urls.Urls.Count > 0)
        {
            var streamingArns = urls.Urls.Keys.Select(name => functions[name].FunctionArn).ToArray();
            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Effect = Effect.ALLOW,
                Actions = ["lambda:InvokeFunctionUrl"],
                Resources = streamingArns,
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["lambda:FunctionUrlAuthType"] = "AWS_IAM" },
                },
            }));
            // Function URLs created since October 2025 also require lambda:InvokeFunction (AWS Lambda, "Control access to function URLs").
            statements.Add(Security.Statements.Allow(["lambda:InvokeFunction"], streamingArns));
        }

        Policy = new ManagedPolicy(this, "CallerPolicy", new ManagedPolicyProps
        {
            Description = $"Call the Bedrock inference API and its streaming URLs ({settings.EnvironmentName}).",
            Statements = [.. statements],
        });

        if (settings.AllowedCallers.Count > 0)
        {
            var principals = settings.AllowedCallers
                .Select(caller => caller.StartsWith("arn:", StringComparison.Ordinal) ? (IPrincipal)new ArnPrincipal(caller) : new AccountPrincipal(caller))
                .ToArray();
            Role = new Role(this, "CallerRole", new RoleProps
            {
                AssumedBy = new CompositePrincipal(principals),
                Description = $"Assumed by the allowed callers to call the Bedrock inference API ({settings.EnvironmentName}).",
                MaxSessionDuration = Duration.Hours(1),
                ManagedPolicies = [Policy],
            });
        }
    }

    public ManagedPolicy Policy { get; }

    public Role? Role { get; }
}
