using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Infra.Security;

namespace Serverless.Infra.Resources;

/// <summary>
/// The batch state machine from statemachines/batch-inference.asl.json (DefinitionSubstitutions fill its
/// placeholders), the role it runs as, and the Bedrock batch service role its CreateModelInvocationJob passes.
/// </summary>
public sealed class BatchWorkflow : Construct
{
    public BatchWorkflow(
        Construct scope,
        string id,
        InfraSettings settings,
        string repositoryRoot,
        DataStores stores,
        HandlerFunctions functions,
        BedrockArns bedrock) : base(scope, id)
    {
        var stack = Stack.Of(this);
        ServiceRole = NewServiceRole(stack, stores, bedrock, settings);

        var substitutions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PrepareFunctionArn"] = functions[HandlerNames.BatchPrepare].FunctionArn,
            ["AdmitFunctionArn"] = functions[HandlerNames.BatchAdmit].FunctionArn,
            ["FanOutFunctionArn"] = functions[HandlerNames.BatchFanOut].FunctionArn,
            ["ReleaseFunctionArn"] = functions[HandlerNames.BatchRelease].FunctionArn,
            ["RetryFunctionArn"] = functions[HandlerNames.BatchRetry].FunctionArn,
            ["SummarizeFunctionArn"] = functions[HandlerNames.BatchSummarize].FunctionArn,
            ["BatchRoleArn"] = ServiceRole.RoleArn,
            ["EventBusName"] = settings.EventBusName,
        };
        var definition = StateMachineDefinition.Load(repositoryRoot, substitutions);

        var role = new Role(this, "StateMachineRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("states.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{stack.Partition}:states:{stack.Region}:{stack.Account}:stateMachine:*" },
                },
            }),
            Description = $"The batch inference state machine ({settings.EnvironmentName}).",
        });
        role.AddToPrincipalPolicy(Statements.Allow(
            ["lambda:InvokeFunction"],
            [.. HandlerCatalog.BatchSteps.Select(step => functions[step].FunctionArn)]));
        role.AddToPrincipalPolicy(Statements.Allow([BedrockActions.CreateModelInvocationJob], [.. bedrock.AllModelResources(), bedrock.ModelInvocationJobs]));
        role.AddToPrincipalPolicy(Statements.Allow(
            [BedrockActions.GetModelInvocationJob, BedrockActions.StopModelInvocationJob], bedrock.ModelInvocationJobs));
        // CreateModelInvocationJob hands the service role to Bedrock: to Bedrock only, and only this role.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = ["iam:PassRole"],
            Resources = [ServiceRole.RoleArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "bedrock.amazonaws.com" },
            },
        }));
        role.AddToPrincipalPolicy(Statements.Allow(
            ["events:PutEvents"], $"arn:{stack.Partition}:events:{stack.Region}:{stack.Account}:event-bus/{settings.EventBusName}"));

        Logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = LogRetention.Days(settings.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        // With logging on, CDK adds the CloudWatch Logs delivery actions (logs:CreateLogDelivery, GetLogDelivery,
        // UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies,
        // DescribeLogGroups) on Resource "*": those actions have no resource-level permissions (Step Functions,
        // "IAM policies for logging to CloudWatch Logs"), so "*" is the only resource they accept.
        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            StateMachineType = StateMachineType.STANDARD,
            DefinitionBody = DefinitionBody.FromString(definition),
            DefinitionSubstitutions = substitutions,
            Role = role,
            Logs = new LogOptions { Destination = Logs, Level = LogLevel.ERROR, IncludeExecutionData = false },
            Comment = "Bedrock batch inference: statemachines/batch-inference.asl.json (docs/batch-workflow.md).",
        });
    }

    public StateMachine StateMachine { get; }

    /// <summary>The role Bedrock assumes to read job input and write job output.</summary>
    public Role ServiceRole { get; }

    public LogGroup Logs { get; }

    private Role NewServiceRole(Stack stack, DataStores stores, BedrockArns bedrock, InfraSettings settings)
    {
        // Bedrock batch service role trust (AWS, "Create a custom service role for batch inference"): only Bedrock,
        // only for this account's batch jobs in this Region (confused-deputy protection).
        var role = new Role(this, "BedrockBatchRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("bedrock.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = bedrock.ModelInvocationJobs },
                },
            }),
            Description = $"Assumed by Bedrock batch inference jobs to read shard inputs and write outputs ({settings.EnvironmentName}).",
        });
        var sameAccount = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:ResourceAccount"] = stack.Account },
        };
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = [S3Actions.GetObject],
            Resources = [stores.Bucket.ArnForObjects(BucketLayout.BatchJobInputPattern)],
            Conditions = sameAccount,
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = [S3Actions.PutObject],
            Resources = [stores.Bucket.ArnForObjects(BucketLayout.BatchJobOutputPattern)],
            Conditions = sameAccount,
        }));
        role.AddToPrincipalPolicy(Statements.List(stores.Bucket, BucketLayout.BatchRuns));

        // A job over a cross-Region inference profile invokes it, and the model in its Regions, as this role.
        foreach (var statement in bedrock.Invoke(settings.Models.Where(m => m.InferenceProfile is not null), BedrockActions.InvokeModel))
        {
            role.AddToPrincipalPolicy(statement);
        }

        return role;
    }
}
