using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Infra.Packaging;
using Serverless.Infra.Resources;
using Serverless.Infra.Security;

namespace Serverless.Infra;

/// <summary>
/// One environment of the system: tables and bucket, a Lambda function per handler, the HTTP API and the streaming
/// Function URLs, the batch workflow and its schedule, caller access, alarms and the dashboard. docs/deploy.md.
/// </summary>
public sealed class BedrockServerlessStack : Stack
{
    public BedrockServerlessStack(Construct scope, InfraSettings settings, string repositoryRoot, Code? functionCode = null)
        : base(scope, settings.StackName, new StackProps
        {
            Description = $"Bedrock inference behind a quota ledger, with a batch workflow ({settings.EnvironmentName}).",
            // Account and Region only when configured: without them the stack is environment-agnostic and synthesizes
            // with no AWS credentials and no lookups.
            Env = settings.Account is null && settings.Region is null ? null : new Amazon.CDK.Environment { Account = settings.Account, Region = settings.Region },
            Tags = new Dictionary<string, string> { ["project"] = "bedrock-serverless", ["environment"] = settings.EnvironmentName },
        })
    {
        Settings = settings;
        Configuration = FunctionConfiguration.From(settings);
        Handlers = HandlerCatalog.For(settings);
        if (Handlers.All(h => h.Name != settings.BatchFunction))
        {
            throw new InfraSettingsException(
                $"{InfraSettingsReader.ContextKey}[{settings.EnvironmentName}].batchFunction: no route names the function '{settings.BatchFunction}'.");
        }

        var bedrock = new BedrockArns(this, settings.Models);
        Stores = new DataStores(this, "Data", settings);
        var code = functionCode ?? FunctionPackage.Create(settings, repositoryRoot);
        Functions = new HandlerFunctions(
            this, "Functions", settings, Handlers, code,
            new FunctionEnvironment(settings, Configuration, Stores),
            new FunctionGrants(settings, Stores, bedrock));
        Api = new HttpApiFrontDoor(this, "Http", settings, Handlers, Functions);
        Urls = new StreamingUrls(this, "Streaming", Handlers, Functions);
        Batch = new BatchWorkflow(this, "Batch", settings, repositoryRoot, Stores, Functions, bedrock);
        Schedule = new BatchSchedule(this, "BatchSchedule", settings, Batch.StateMachine);

        // The batch route starts executions of this state machine only, and describes only its executions (its status
        // lookup). Set here: the state machine needs the step functions first.
        var batchFunction = Functions[settings.BatchFunction];
        batchFunction.AddEnvironment(Serverless.Functions.Configuration.FunctionsEnvironment.BatchStateMachineArn, Batch.StateMachine.StateMachineArn);
        Functions.RoleOf(settings.BatchFunction).AddToPrincipalPolicy(
            Statements.Allow(["states:StartExecution"], Batch.StateMachine.StateMachineArn));
        Batch.StateMachine.GrantExecution(Functions.RoleOf(settings.BatchFunction), "states:DescribeExecution");

        Callers = new CallerAccess(this, "Callers", settings, Api, Urls, Functions);
        Monitoring = new Monitoring(this, "Monitoring", settings, Configuration.Ledger, Functions, Api, Urls, Batch.StateMachine);

        Output("ApiUrl", Api.Api.ApiEndpoint, "HTTP API base URL (sign with SigV4, service execute-api).");
        foreach (var (name, url) in Urls.Urls)
        {
            Output(ResourceNames.Pascal(name) + "Url", url.Url, $"Streaming Function URL of {name} (sign with SigV4, service lambda).");
        }

        Output("BucketName", Stores.Bucket.BucketName, "Batch input/output and async outputs.");
        Output("BatchInputPrefix", Stores.S3Uri(BucketLayout.BatchIncoming), "Upload batch JSONL files here.");
        Output("StateMachineArn", Batch.StateMachine.StateMachineArn, "The batch workflow.");
        Output("CallerPolicyArn", Callers.Policy.ManagedPolicyArn, "Attach to a role or user that calls the API.");
        if (Callers.Role is { } callerRole)
        {
            Output("CallerRoleArn", callerRole.RoleArn, "Assumed by the allowed callers.");
        }

        Output("AlarmTopicArn", Monitoring.Topic.TopicArn, "Alarm notifications.");
        Output("DashboardName", Monitoring.Dashboard.DashboardName, "CloudWatch dashboard.");
    }

    public InfraSettings Settings { get; }

    public FunctionConfiguration Configuration { get; }

    public IReadOnlyList<HandlerSpec> Handlers { get; }

    public DataStores Stores { get; }

    public HandlerFunctions Functions { get; }

    public HttpApiFrontDoor Api { get; }

    public StreamingUrls Urls { get; }

    public BatchWorkflow Batch { get; }

    public BatchSchedule Schedule { get; }

    public CallerAccess Callers { get; }

    public Monitoring Monitoring { get; }

    private void Output(string id, string value, string description) =>
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
