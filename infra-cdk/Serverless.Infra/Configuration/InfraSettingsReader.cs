using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.Infra.Configuration;

/// <summary>
/// Builds <see cref="InfraSettings"/> from the cdk.json context: the object under <see cref="ContextKey"/> holds the
/// defaults of every environment and an <c>environments</c> object whose members override them per environment
/// (member by member at the top level: an environment's <c>models</c> replaces the default <c>models</c>).
/// </summary>
public static partial class InfraSettingsReader
{
    public const string ContextKey = "bedrock-serverless";

    /// <summary>Environment used when the context names none.</summary>
    public const string DefaultEnvironment = "dev";

    /// <summary>The environments the context defines, in order (just <see cref="DefaultEnvironment"/> when it defines none).</summary>
    public static IReadOnlyList<string> EnvironmentNames(JsonObject? context)
    {
        if (context?["environments"] is not JsonObject environments || environments.Count == 0)
        {
            return [DefaultEnvironment];
        }

        return environments.Select(e => e.Key).ToList();
    }

    /// <exception cref="InfraSettingsException">A value is missing, malformed or unknown; the message names its key.</exception>
    public static InfraSettings Read(JsonObject? context, string environmentName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environmentName);
        if (!EnvironmentNamePattern().IsMatch(environmentName))
        {
            throw new InfraSettingsException($"Environment '{environmentName}': names are letters, digits and '-' (they become part of resource names).");
        }

        var merged = Merge(context ?? [], environmentName);
        var reader = new ContextReader(merged, $"{ContextKey}[{environmentName}]");
        var settings = new InfraSettings
        {
            EnvironmentName = environmentName,
            StackName = reader.String("stackName") ?? $"BedrockServerless-{environmentName}",
            Account = reader.String("account"),
            Region = reader.String("region"),
            DeployMode = ReadDeployMode(reader),
            FunctionPackage = reader.String("functionPackage"),
            Models = ReadModels(reader),
            Ledger = reader.RawObject("quota") ?? [],
            AllowedCallers = reader.Strings("allowedCallers") ?? [],
            Auth = ReadAuth(reader.Object("auth")),
            Schedule = ReadSchedule(reader.Object("schedule")),
            FunctionSizes = ReadSizes(reader.Object("functions")),
            LogRetentionDays = ReadRetention(reader, "logRetentionDays") ?? 30,
            BatchFilesRetentionDays = reader.Int("batchFilesRetentionDays", 1, 3650) ?? 30,
            AsyncOutputRetentionDays = reader.Int("asyncOutputRetentionDays", 1, 3650) ?? 30,
            RetainData = reader.Bool("retainData") ?? true,
            AlarmEmail = reader.String("alarmEmail"),
            QuotaAlarmPercent = reader.Int("quotaAlarmPercent", 1, 100) ?? 80,
            ApiRateLimit = reader.Int("apiRateLimit", 1, 100_000) ?? 100,
            ApiBurstLimit = reader.Int("apiBurstLimit", 1, 100_000) ?? 200,
            EventBusName = reader.String("eventBusName") ?? "default",
            Guardrails = reader.Strings("guardrails") ?? [],
            BatchFunction = reader.String("batchFunction") ?? Serverless.Functions.Routing.FunctionNames.Batch,
            ExtraRoutes = ReadRoutes(reader) ?? [],
            Environment = ReadEnvironment(reader.Object("environment")),
        };
        reader.String("description"); // free text for people reading cdk.json
        reader.RejectUnknown();
        Validate(settings);
        return settings;
    }

    private static JsonObject Merge(JsonObject context, string environmentName)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in context)
        {
            if (key != "environments")
            {
                merged[key] = value?.DeepClone();
            }
        }

        var environments = context["environments"] as JsonObject;
        if (environments is { Count: > 0 } && !environments.ContainsKey(environmentName))
        {
            throw new InfraSettingsException(
                $"{ContextKey}.environments: no environment '{environmentName}' (known: {string.Join(", ", environments.Select(e => e.Key))}).");
        }

        if (environments?[environmentName] is { } overrides)
        {
            if (overrides is not JsonObject overrideObject)
            {
                throw new InfraSettingsException($"{ContextKey}.environments['{environmentName}']: must be an object.");
            }

            foreach (var (key, value) in overrideObject)
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    private static DeployMode ReadDeployMode(ContextReader reader)
    {
        if (reader.String("deployMode") is not { } name)
        {
            return DeployMode.Aot;
        }

        return DeployModes.TryParse(name, out var mode) ? mode : throw reader.Invalid("deployMode", $"'{name}' is not one of {DeployModes.AllNames}");
    }

    private static List<ModelSettings> ReadModels(ContextReader reader)
    {
        var models = reader.Object("models") ?? throw reader.Invalid("models", "is required: the model ids (or inference profile ids) the API serves, with their quotas");
        var result = new List<ModelSettings>();
        foreach (var (id, model) in models.Entries())
        {
            if (!ModelIdPattern().IsMatch(id))
            {
                throw new InfraSettingsException($"{model.Path}: not a Bedrock model or inference profile id.");
            }

            var profile = model.Object("inferenceProfile");
            var settings = new ModelSettings
            {
                Id = id,
                Quota = model.RawObject("quota") ?? throw model.Invalid("quota", "is required: the model's requestsPerMinute / tokensPerMinute in the quota ledger's format"),
                Capabilities = model.RawObject("capabilities") ?? [],
                BatchJobs = model.Int("batchJobs", 1, 1000) ?? 10,
                InferenceProfile = profile is null ? null : ReadProfile(profile),
            };
            model.RejectUnknown();
            result.Add(settings);
        }

        models.RejectUnknown();
        return result.Count > 0 ? result : throw reader.Invalid("models", "must name at least one model");
    }

    private static InferenceProfileSettings ReadProfile(ContextReader profile)
    {
        var foundationModel = profile.String("foundationModel") ?? throw profile.Invalid("foundationModel", "is required: the model the profile routes to");
        var regions = profile.Strings("regions") ?? throw profile.Invalid("regions", "is required: the profile's destination Regions");
        if (regions.Count == 0)
        {
            throw profile.Invalid("regions", "must list at least one Region");
        }

        foreach (var region in regions)
        {
            if (!RegionPattern().IsMatch(region))
            {
                throw profile.Invalid("regions", $"'{region}' is not a Region name like us-east-1");
            }
        }

        profile.RejectUnknown();
        return new InferenceProfileSettings(foundationModel, regions);
    }

    private static ApiAuthSettings ReadAuth(ContextReader? auth)
    {
        if (auth is null)
        {
            return ApiAuthSettings.Iam;
        }

        var result = auth.String("type") switch
        {
            null or "iam" => ApiAuthSettings.Iam,
            "jwt" => new ApiAuthSettings(
                ApiAuthKind.Jwt,
                auth.String("issuer") is { } issuer && issuer.StartsWith("https://", StringComparison.Ordinal)
                    ? issuer
                    : throw auth.Invalid("issuer", "is required for jwt and must be an https:// URL"),
                auth.Strings("audiences") is { Count: > 0 } audiences ? audiences : throw auth.Invalid("audiences", "is required for jwt: at least one audience")),
            var other => throw auth.Invalid("type", $"'{other}' is not iam or jwt"),
        };
        auth.RejectUnknown();
        return result;
    }

    private static ScheduleSettings ReadSchedule(ContextReader? schedule)
    {
        if (schedule is null)
        {
            return new ScheduleSettings();
        }

        var expression = schedule.String("expression") ?? "rate(1 hour)";
        if (!expression.StartsWith("rate(", StringComparison.Ordinal) && !expression.StartsWith("cron(", StringComparison.Ordinal)
            || !expression.EndsWith(')'))
        {
            throw schedule.Invalid("expression", $"'{expression}' is not a Scheduler rate(...) or cron(...) expression");
        }

        var result = new ScheduleSettings(schedule.Bool("enabled") ?? true, expression, schedule.String("timezone") ?? "UTC");
        schedule.RejectUnknown();
        return result;
    }

    private static Dictionary<string, FunctionSize> ReadSizes(ContextReader? functions)
    {
        var sizes = new Dictionary<string, FunctionSize>(StringComparer.Ordinal);
        if (functions is null)
        {
            return sizes;
        }

        foreach (var (name, function) in functions.Entries())
        {
            var fallback = FunctionSizes.Default(name);
            sizes[name] = new FunctionSize(
                function.Int("memoryMb", 128, 10_240) ?? fallback.MemoryMb,
                function.Int("timeoutSeconds", 1, 900) ?? fallback.TimeoutSeconds);
            function.RejectUnknown();
        }

        return sizes;
    }

    private static List<RouteSettings>? ReadRoutes(ContextReader reader)
    {
        var routes = reader.Object("extraRoutes");
        if (routes is null)
        {
            return null;
        }

        var result = new List<RouteSettings>();
        foreach (var (routeKey, route) in routes.Entries())
        {
            var parts = routeKey.Split(' ', 2);
            if (parts.Length != 2 || parts[0] is not ("GET" or "POST" or "PUT" or "DELETE" or "PATCH") || !parts[1].StartsWith('/'))
            {
                throw new InfraSettingsException($"{route.Path}: the key must be a route key like 'POST /v1/batch'.");
            }

            result.Add(new RouteSettings(parts[0], parts[1], route.String("function") ?? throw route.Invalid("function", "is required")));
            route.RejectUnknown();
        }

        return result;
    }

    private static Dictionary<string, string> ReadEnvironment(ContextReader? environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (environment is null)
        {
            return variables;
        }

        foreach (var name in environment.Names())
        {
            if (!EnvironmentVariablePattern().IsMatch(name))
            {
                throw environment.Invalid(name, "is not an environment variable name (letters, digits, '_', starting with a letter)");
            }

            variables[name] = environment.String(name) ?? "";
        }

        return variables;
    }

    private static int? ReadRetention(ContextReader reader, string name)
    {
        var days = reader.Int(name, 1, 3653);
        // CloudWatch Logs accepts only these retention periods.
        int[] allowed = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
        return days is null || allowed.Contains(days.Value)
            ? days
            : throw reader.Invalid(name, $"{days} is not a CloudWatch Logs retention ({string.Join(", ", allowed)})");
    }

    private static void Validate(InfraSettings settings)
    {
        if (settings.Account is { } account && !AccountPattern().IsMatch(account))
        {
            throw new InfraSettingsException($"{ContextKey}[{settings.EnvironmentName}].account: '{account}' is not a 12-digit account id.");
        }

        if (settings.Region is { } region && !RegionPattern().IsMatch(region))
        {
            throw new InfraSettingsException($"{ContextKey}[{settings.EnvironmentName}].region: '{region}' is not a Region name like us-east-1.");
        }

        foreach (var caller in settings.AllowedCallers)
        {
            if (!AccountPattern().IsMatch(caller) && !PrincipalArnPattern().IsMatch(caller))
            {
                throw new InfraSettingsException(
                    $"{ContextKey}[{settings.EnvironmentName}].allowedCallers: '{caller}' is neither a 12-digit account id nor an IAM role/user ARN.");
            }
        }

        foreach (var guardrail in settings.Guardrails)
        {
            if (!GuardrailArnPattern().IsMatch(guardrail))
            {
                throw new InfraSettingsException(
                    $"{ContextKey}[{settings.EnvironmentName}].guardrails: '{guardrail}' is not a guardrail ARN (arn:aws:bedrock:REGION:ACCOUNT:guardrail/ID).");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,31}$")]
    private static partial Regex EnvironmentNamePattern();

    // Bedrock's modelId pattern, less the ARN forms: the app builds the ARNs itself.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9._:-]{1,200}$")]
    private static partial Regex ModelIdPattern();

    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[\w+=,.@/-]+$")]
    private static partial Regex PrincipalArnPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:[0-9]{12}:guardrail/[a-z0-9]+$")]
    private static partial Regex GuardrailArnPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariablePattern();
}
