using System.Text.Json.Nodes;

namespace Serverless.Infra.Configuration;

/// <summary>
/// Everything one environment's stack is built from. Read from the cdk.json context key
/// <see cref="InfraSettingsReader.ContextKey"/> (defaults, then the environment's overrides); every property has the
/// default documented in docs/deploy.md.
/// </summary>
public sealed record InfraSettings
{
    public required string EnvironmentName { get; init; }

    /// <summary>CloudFormation stack name; default <c>BedrockServerless-{environment}</c>.</summary>
    public required string StackName { get; init; }

    /// <summary>Target account and Region; null leaves the stack environment-agnostic (resolved by the CLI's credentials at deploy).</summary>
    public string? Account { get; init; }

    public string? Region { get; init; }

    public DeployMode DeployMode { get; init; } = DeployMode.Aot;

    /// <summary>A folder with the already published function executable; when set, the app does not run dotnet publish.</summary>
    public string? FunctionPackage { get; init; }

    public required IReadOnlyList<ModelSettings> Models { get; init; }

    /// <summary>The rest of the ledger's configuration (callers' sub-limits, failureMode, keyPrefix, ...) in its own JSON format; the models' quotas are added.</summary>
    public JsonObject Ledger { get; init; } = [];

    /// <summary>IAM principals (role/user ARNs or 12-digit account ids) that may assume the caller role.</summary>
    public IReadOnlyList<string> AllowedCallers { get; init; } = [];

    public ApiAuthSettings Auth { get; init; } = ApiAuthSettings.Iam;

    public ScheduleSettings Schedule { get; init; } = new();

    /// <summary>Per function name; functions not listed get <see cref="FunctionSizes.Defaults"/>.</summary>
    public IReadOnlyDictionary<string, FunctionSize> FunctionSizes { get; init; } = new Dictionary<string, FunctionSize>(StringComparer.Ordinal);

    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Days before the batch workflow's files (inputs, job outputs, results files) expire from the bucket.</summary>
    public int BatchFilesRetentionDays { get; init; } = 30;

    /// <summary>Days before StartAsyncInvoke outputs expire from the bucket.</summary>
    public int AsyncOutputRetentionDays { get; init; } = 30;

    /// <summary>Keep the tables and the bucket when the stack is deleted.</summary>
    public bool RetainData { get; init; } = true;

    /// <summary>Optional address subscribed to the alarm topic.</summary>
    public string? AlarmEmail { get; init; }

    /// <summary>Quota alarms fire when a model's reserved tokens or admitted requests per minute reach this share of its limit.</summary>
    public int QuotaAlarmPercent { get; init; } = 80;

    /// <summary>Steady-state requests per second and burst of the HTTP API's default route throttle.</summary>
    public int ApiRateLimit { get; init; } = 100;

    public int ApiBurstLimit { get; init; } = 200;

    /// <summary>The bus of the batch completion event.</summary>
    public string EventBusName { get; init; } = "default";

    /// <summary>Guardrail ARNs callers may name in guardrailConfig (bedrock:ApplyGuardrail on these only).</summary>
    public IReadOnlyList<string> Guardrails { get; init; } = [];

    /// <summary>The function that starts batch executions and enqueues deferred batches (the API's batch route).</summary>
    public string BatchFunction { get; init; } = Serverless.Functions.Routing.FunctionNames.Batch;

    /// <summary>Routes added beside FunctionRoutes (for a function FunctionRoutes does not route yet); none by default.</summary>
    public IReadOnlyList<RouteSettings> ExtraRoutes { get; init; } = [];

    /// <summary>More environment variables for every function (e.g. CONVERSATION_TOKEN_BUDGET); the app's own win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public FunctionSize SizeOf(string functionName) =>
        FunctionSizes.TryGetValue(functionName, out var size) ? size : Configuration.FunctionSizes.Default(functionName);
}
