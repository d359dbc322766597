using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Serverless.Infra.Configuration;

namespace Serverless.Infra.Security;

/// <summary>
/// The Bedrock resources a policy may name, built from the configured models only. Foundation-model ARNs have no
/// account (<c>arn:aws:bedrock:REGION::foundation-model/ID</c>); a system-defined inference profile is the account's
/// (<c>arn:aws:bedrock:REGION:ACCOUNT:inference-profile/ID</c>), and invoking it also needs the foundation model in
/// every destination Region — AWS, "Prerequisites for inference profiles": "When you specify an inference profile in
/// the Resource field ..., you must also specify the foundation model in each Region associated with it."
/// </summary>
public sealed class BedrockArns(Stack stack, IReadOnlyList<ModelSettings> models)
{
    /// <summary>The condition key that ties a foundation-model statement to calls made through one inference profile.</summary>
    public const string InferenceProfileConditionKey = "bedrock:InferenceProfileArn";

    public string FoundationModel(string region, string modelId) =>
        $"arn:{stack.Partition}:bedrock:{region}::foundation-model/{modelId}";

    public string InferenceProfile(string profileId) =>
        $"arn:{stack.Partition}:bedrock:{stack.Region}:{stack.Account}:inference-profile/{profileId}";

    /// <summary>Batch jobs of this account and Region (job ids are made by Bedrock; the names are the workflow's).</summary>
    public string ModelInvocationJobs => $"arn:{stack.Partition}:bedrock:{stack.Region}:{stack.Account}:model-invocation-job/*";

    public string AsyncInvokes => $"arn:{stack.Partition}:bedrock:{stack.Region}:{stack.Account}:async-invoke/*";

    /// <summary>
    /// Statements allowing <paramref name="actions"/> on the configured models only: on-demand models and the
    /// profiles themselves in one statement; for each profile, the foundation model in its destination Regions only
    /// when called through that profile.
    /// </summary>
    public IEnumerable<PolicyStatement> Invoke(params string[] actions) => Invoke(models, actions);

    public IEnumerable<PolicyStatement> Invoke(IEnumerable<ModelSettings> subset, params string[] actions)
    {
        var selected = subset.ToList();
        if (selected.Count == 0)
        {
            yield break;
        }

        yield return new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = actions,
            Resources = selected.Select(m => m.InferenceProfile is null ? FoundationModel(stack.Region, m.Id) : InferenceProfile(m.Id)).ToArray(),
        });

        foreach (var model in selected.Where(m => m.InferenceProfile is not null))
        {
            yield return new PolicyStatement(new PolicyStatementProps
            {
                Effect = Effect.ALLOW,
                Actions = actions,
                Resources = ProfileDestinations(model),
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { [InferenceProfileConditionKey] = InferenceProfile(model.Id) },
                },
            });
        }
    }

    /// <summary>Every ARN a batch job over the configured models may name: on-demand models, profiles, and the profiles' foundation models.</summary>
    public string[] AllModelResources() =>
        models.SelectMany(m => m.InferenceProfile is null
                ? [FoundationModel(stack.Region, m.Id)]
                : (IEnumerable<string>)[InferenceProfile(m.Id), .. ProfileDestinations(m)])
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private string[] ProfileDestinations(ModelSettings model) =>
        model.InferenceProfile!.Regions.Select(region => FoundationModel(region, model.InferenceProfile.FoundationModel)).ToArray();
}
