using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Infra.Packaging;
using Serverless.Infra.Security;

namespace Serverless.Infra.Resources;

/// <summary>
/// One Lambda function per handler, all running the same package: each with its own role (its log group and what
/// <see cref="FunctionGrants"/> allows, nothing else — no AWSLambdaBasicExecutionRole, whose log actions name every
/// log group), its own memory and timeout, and its own log group with the configured retention.
/// </summary>
public sealed class HandlerFunctions : Construct
{
    private static readonly Runtime ManagedDotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    private readonly Dictionary<string, Function> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Role> _roles = new(StringComparer.Ordinal);

    public HandlerFunctions(
        Construct scope,
        string id,
        InfraSettings settings,
        IReadOnlyList<HandlerSpec> handlers,
        Code code,
        FunctionEnvironment environment,
        FunctionGrants grants) : base(scope, id)
    {
        foreach (var handler in handlers)
        {
            var name = ResourceNames.Pascal(handler.Name);
            var size = settings.SizeOf(handler.Name);
            var logs = new LogGroup(this, name + "Logs", new LogGroupProps
            {
                Retention = LogRetention.Days(settings.LogRetentionDays),
                RemovalPolicy = RemovalPolicy.DESTROY,
            });
            var role = new Role(this, name + "Role", new RoleProps
            {
                AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
                Description = $"The {handler.Name} function ({settings.EnvironmentName}).",
            });
            role.AddToPrincipalPolicy(Statements.Allow(["logs:CreateLogStream", "logs:PutLogEvents"], logs.LogGroupArn));
            foreach (var statement in grants.For(handler))
            {
                role.AddToPrincipalPolicy(statement);
            }

            var managed = settings.DeployMode.RunsOnManagedRuntime();
            _functions[handler.Name] = new Function(this, name, new FunctionProps
            {
                Description = $"{handler.Name} ({settings.EnvironmentName}, {settings.DeployMode.Name()})",
                Runtime = managed ? ManagedDotnet10 : Runtime.PROVIDED_AL2023,
                // The managed runtime runs `dotnet exec {_HANDLER}.dll` (FUNCTION_HANDLER names the function); provided.al2023 passes _HANDLER on.
                Handler = managed ? PublishPlan.AssemblyName : handler.Name,
                Code = code,
                // The package source has no linux-arm64 runtime packs (docs/lambda-runtime.md).
                Architecture = Architecture.X86_64,
                MemorySize = size.MemoryMb,
                Timeout = Duration.Seconds(size.TimeoutSeconds),
                Role = role,
                LogGroup = logs,
                Environment = environment.For(handler),
            });
            _roles[handler.Name] = role;
        }
    }

    public IReadOnlyDictionary<string, Function> Functions => _functions;

    public Function this[string handlerName] =>
        _functions.TryGetValue(handlerName, out var function)
            ? function
            : throw new InfraSettingsException($"No function runs the handler '{handlerName}' (known: {string.Join(", ", _functions.Keys)}).");

    public Role RoleOf(string handlerName) => _roles[handlerName];
}
