using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Quota;

namespace Serverless.Infra.Resources;

/// <summary>
/// Alarms and one dashboard: Lambda throttles and errors per function, the API's 5xx, the streaming URLs' 5xx,
/// Bedrock's own throttles per model (the ledger should prevent every one), quota use against each model's limits
/// from the functions' EMF metrics (<see cref="EmfMetrics"/>), the ledger failing closed, and failed batch executions.
/// Every alarm notifies one SNS topic.
/// </summary>
public sealed class Monitoring : Construct
{
    private static readonly Duration Minute = Duration.Minutes(1);
    private static readonly Duration FiveMinutes = Duration.Minutes(5);

    private readonly List<Alarm> _alarms = [];
    private readonly SnsAction _notify;
    private readonly string _namespace;

    public Monitoring(
        Construct scope,
        string id,
        InfraSettings settings,
        QuotaLedgerOptions ledger,
        HandlerFunctions functions,
        HttpApiFrontDoor api,
        StreamingUrls urls,
        IStateMachine stateMachine) : base(scope, id)
    {
        _namespace = EmfMetrics.Namespace(settings.EnvironmentName);
        // The topic keeps SNS's default access policy (this account only), which CloudWatch alarms publish under;
        // notifications carry alarm names and states, no request data, so no customer key.
        Topic = new Topic(this, "AlarmTopic", new TopicProps { DisplayName = $"{settings.StackName} alarms" });
        if (settings.AlarmEmail is { } email)
        {
            Topic.AddSubscription(new EmailSubscription(email));
        }

        _notify = new SnsAction(Topic);

        foreach (var (name, function) in functions.Functions)
        {
            // One alarm per function for both (an alarm costs the same whatever it watches): throttles mean the
            // concurrency limit was hit, errors mean unhandled failures, timeouts or crashes.
            Alarm(ResourceNames.Pascal(name) + "ThrottlesOrErrors", $"Lambda throttled {name}, or {name} failed invocations.",
                new MathExpression(new MathExpressionProps
                {
                    Expression = "throttles + errors",
                    UsingMetrics = new Dictionary<string, IMetric>
                    {
                        ["throttles"] = function.MetricThrottles(Sum(FiveMinutes)),
                        ["errors"] = function.MetricErrors(Sum(FiveMinutes)),
                    },
                    Label = $"{name} throttles + errors",
                    Period = FiveMinutes,
                }), 1);
        }

        Alarm("ApiServerErrors", "The HTTP API answered 5xx.", api.Api.MetricServerError(Sum(FiveMinutes)), 5);
        foreach (var (name, _) in urls.Urls)
        {
            Alarm(ResourceNames.Pascal(name) + "UrlServerErrors", $"The {name} Function URL answered 5xx.",
                functions[name].Metric("Url5xxCount", Sum(FiveMinutes)), 5);
        }

        Alarm("QuotaStoreUnavailable", "The quota ledger's table did not answer: requests were refused with 503 (fail closed).",
            Emf(EmfMetrics.StoreUnavailable, dimensions: null, FiveMinutes), 1);

        var quotaWidgets = new List<IWidget>();
        foreach (var model in settings.Models)
        {
            var quota = ledger.Models[model.Id];
            var key = ResourceNames.Pascal(model.Id.Replace(':', '-'));
            Alarm(key + "BedrockThrottles", $"Bedrock throttled {model.Id} although the ledger admitted the calls.",
                BedrockMetric("InvocationThrottles", model.Id, FiveMinutes), 1);

            var tokens = Emf(EmfMetrics.TokensReserved, model.Id, Minute);
            var requests = Emf(EmfMetrics.RequestsAdmitted, model.Id, Minute);
            var annotations = new List<IHorizontalAnnotation>();
            if (quota.TokensPerMinute is { } tokenLimit)
            {
                QuotaAlarm(key + "TokenQuota", $"{model.Id}: reserved tokens per minute reached {settings.QuotaAlarmPercent}% of {tokenLimit}.",
                    tokens, tokenLimit * settings.QuotaAlarmPercent / 100.0);
                annotations.Add(new HorizontalAnnotation { Value = tokenLimit, Label = "tokens per minute limit" });
            }

            if (quota.RequestsPerMinute is { } requestLimit)
            {
                QuotaAlarm(key + "RequestQuota", $"{model.Id}: admitted requests per minute reached {settings.QuotaAlarmPercent}% of {requestLimit}.",
                    requests, requestLimit * settings.QuotaAlarmPercent / 100.0);
            }

            quotaWidgets.Add(new GraphWidget(new GraphWidgetProps
            {
                Title = $"{model.Id}: tokens reserved per minute vs quota",
                Left = [tokens, Emf(EmfMetrics.TokensSettled, model.Id, Minute)],
                LeftAnnotations = [.. annotations],
                Width = 12,
            }));
            quotaWidgets.Add(new GraphWidget(new GraphWidgetProps
            {
                Title = $"{model.Id}: requests admitted and refused per minute",
                Left = [requests, Emf(EmfMetrics.Refused, model.Id, Minute)],
                LeftAnnotations = quota.RequestsPerMinute is { } limit ? [new HorizontalAnnotation { Value = limit, Label = "requests per minute limit" }] : [],
                Right = [BedrockMetric("InvocationThrottles", model.Id, Minute)],
                Width = 12,
            }));
        }

        Alarm("BatchExecutionsFailed", "A batch workflow execution failed.", stateMachine.MetricFailed(Sum(FiveMinutes)), 1);
        Alarm("BatchExecutionsTimedOut", "A batch workflow execution timed out.", stateMachine.MetricTimedOut(Sum(FiveMinutes)), 1);

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DashboardName = $"{settings.StackName}",
            DefaultInterval = Duration.Hours(3),
        });
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "HTTP API: requests, 4xx, 5xx",
                Left = [api.Api.MetricCount(Sum(Minute)), api.Api.MetricClientError(Sum(Minute)), api.Api.MetricServerError(Sum(Minute))],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "HTTP API: latency p50 / p99 (ms)",
                Left = [api.Api.MetricLatency(Stat("p50", Minute)), api.Api.MetricLatency(Stat("p99", Minute))],
                Width = 12,
            }));
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Streaming URLs: requests, 4xx, 5xx",
                Left = [.. urls.Urls.Keys.SelectMany(name => new IMetric[]
                {
                    functions[name].Metric("UrlRequestCount", Sum(Minute)),
                    functions[name].Metric("Url4xxCount", Sum(Minute)),
                    functions[name].Metric("Url5xxCount", Sum(Minute)),
                })],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Bedrock invocations and throttles per model",
                Left = [.. settings.Models.Select(m => (IMetric)BedrockMetric("Invocations", m.Id, Minute))],
                Right = [.. settings.Models.Select(m => (IMetric)BedrockMetric("InvocationThrottles", m.Id, Minute))],
                Width = 12,
            }));
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Lambda throttles per function",
                Left = [.. functions.Functions.Values.Select(f => (IMetric)f.MetricThrottles(Sum(Minute)))],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Lambda errors per function",
                Left = [.. functions.Functions.Values.Select(f => (IMetric)f.MetricErrors(Sum(Minute)))],
                Width = 12,
            }));
        Dashboard.AddWidgets([.. quotaWidgets]);
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Batch executions",
                Left = [stateMachine.MetricStarted(Sum(FiveMinutes)), stateMachine.MetricSucceeded(Sum(FiveMinutes)), stateMachine.MetricFailed(Sum(FiveMinutes)), stateMachine.MetricTimedOut(Sum(FiveMinutes))],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Batch records",
                Left = [Emf(EmfMetrics.BatchRecordsSucceeded, dimensions: null, FiveMinutes), Emf(EmfMetrics.BatchRecordsFailed, dimensions: null, FiveMinutes)],
                Width = 12,
            }));
    }

    public Topic Topic { get; }

    public Dashboard Dashboard { get; }

    public IReadOnlyList<Alarm> Alarms => _alarms;

    private static MetricOptions Sum(Duration period) => new() { Statistic = "Sum", Period = period };

    private static MetricOptions Stat(string statistic, Duration period) => new() { Statistic = statistic, Period = period };

    /// <summary>Bedrock's own runtime metrics (namespace AWS/Bedrock, dimension ModelId).</summary>
    private static Metric BedrockMetric(string metricName, string modelId, Duration period) => new(new MetricProps
    {
        Namespace = "AWS/Bedrock",
        MetricName = metricName,
        Statistic = "Sum",
        Period = period,
        DimensionsMap = new Dictionary<string, string> { ["ModelId"] = modelId },
    });

    private Metric Emf(string metricName, string? dimensions, Duration period) => new(new MetricProps
    {
        Namespace = _namespace,
        MetricName = metricName,
        Statistic = "Sum",
        Period = period,
        DimensionsMap = dimensions is null ? null : new Dictionary<string, string> { [EmfMetrics.ModelDimension] = dimensions },
    });

    private void Alarm(string id, string description, IMetric metric, double threshold)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmDescription = description,
            Metric = metric,
            Threshold = threshold,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(_notify);
        _alarms.Add(alarm);
    }

    // Sustained, not a single busy minute: 3 of the last 5 minutes at or above the share of the limit.
    private void QuotaAlarm(string id, string description, IMetric metric, double threshold)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmDescription = description,
            Metric = metric,
            Threshold = threshold,
            EvaluationPeriods = 5,
            DatapointsToAlarm = 3,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(_notify);
        _alarms.Add(alarm);
    }
}
