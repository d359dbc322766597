using System.Text.Json.Nodes;
using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Resources;

public sealed class MonitoringTests(DefaultStack stack)
{
    private IEnumerable<JsonObject> Alarms => stack.View.OfType("AWS::CloudWatch::Alarm").Select(a => a.Resource["Properties"]!.AsObject());

    private JsonObject Alarm(string idPrefix) =>
        stack.View.OfType("AWS::CloudWatch::Alarm").Single(a => a.Id.StartsWith("Monitoring" + idPrefix, StringComparison.Ordinal)).Resource["Properties"]!.AsObject();

    [Fact]
    public void Every_alarm_notifies_the_alarm_topic()
    {
        var topic = $"${{{stack.View.OfType("AWS::SNS::Topic").Single().Id}}}";

        Assert.All(Alarms, a => Assert.Equal([topic], Intrinsics.RenderList(a["AlarmActions"])));
        Assert.All(Alarms, a => Assert.Equal("notBreaching", a["TreatMissingData"]!.GetValue<string>()));
    }

    [Fact]
    public void Every_function_has_an_alarm_on_its_throttles_and_errors()
    {
        foreach (var id in stack.View.FunctionIds)
        {
            var alarm = Alarms.Single(a => a["Metrics"] is JsonArray metrics
                && metrics.Any(m => m!["MetricStat"]?["Metric"]?["MetricName"]?.GetValue<string>() == "Throttles"
                                    && Intrinsics.Render(m["MetricStat"]!["Metric"]!["Dimensions"]![0]!["Value"]) == $"${{{id}}}"));
            var metrics = alarm["Metrics"]!.AsArray();
            Assert.Contains(metrics, m => m!["MetricStat"]?["Metric"]?["MetricName"]?.GetValue<string>() == "Errors");
            Assert.Contains(metrics, m => m!["Expression"]?.GetValue<string>() == "throttles + errors");
            Assert.Equal(1, alarm["Threshold"]!.GetValue<double>());
        }
    }

    [Fact]
    public void The_api_and_the_streaming_urls_alarm_on_5xx()
    {
        var api = Alarm("ApiServerErrors");
        Assert.Equal("5xx", api["MetricName"]!.GetValue<string>());
        Assert.Equal("AWS/ApiGateway", api["Namespace"]!.GetValue<string>());

        foreach (var handler in new[] { HandlerNames.InvokeStream, HandlerNames.ConverseStream })
        {
            var url = Alarm(Serverless.Infra.Resources.ResourceNames.Pascal(handler) + "UrlServerErrors");
            Assert.Equal("Url5xxCount", url["MetricName"]!.GetValue<string>());
            Assert.Equal($"${{{stack.View.FunctionOf(handler)}}}", Intrinsics.Render(url["Dimensions"]![0]!["Value"]));
        }
    }

    [Theory]
    [InlineData(InfraContext.OnDemandModel, 2_000_000, 1000)]
    [InlineData(InfraContext.ProfileModel, 200_000, 200)]
    public void Each_model_alarms_when_its_quota_use_reaches_the_configured_share_of_its_limits(string model, long tokens, long requests)
    {
        var key = Serverless.Infra.Resources.ResourceNames.Pascal(model.Replace(':', '-'));

        var tokenAlarm = Alarm(key + "TokenQuota");
        Assert.Equal(EmfMetrics.TokensReserved, tokenAlarm["MetricName"]!.GetValue<string>());
        Assert.Equal("BedrockServerless/test", tokenAlarm["Namespace"]!.GetValue<string>());
        Assert.Equal(model, tokenAlarm["Dimensions"]![0]!["Value"]!.GetValue<string>());
        Assert.Equal(EmfMetrics.ModelDimension, tokenAlarm["Dimensions"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal(tokens * 0.8, tokenAlarm["Threshold"]!.GetValue<double>());
        Assert.Equal(60, tokenAlarm["Period"]!.GetValue<int>());
        Assert.Equal((5, 3), (tokenAlarm["EvaluationPeriods"]!.GetValue<int>(), tokenAlarm["DatapointsToAlarm"]!.GetValue<int>()));

        var requestAlarm = Alarm(key + "RequestQuota");
        Assert.Equal(EmfMetrics.RequestsAdmitted, requestAlarm["MetricName"]!.GetValue<string>());
        Assert.Equal(requests * 0.8, requestAlarm["Threshold"]!.GetValue<double>());

        var throttles = Alarm(key + "BedrockThrottles");
        Assert.Equal("AWS/Bedrock", throttles["Namespace"]!.GetValue<string>());
        Assert.Equal("InvocationThrottles", throttles["MetricName"]!.GetValue<string>());
        Assert.Equal(model, throttles["Dimensions"]![0]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public void The_quota_share_comes_from_the_settings_and_unlimited_kinds_get_no_alarm()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c =>
        {
            c["quotaAlarmPercent"] = 50;
            c["models"]![InfraContext.OnDemandModel]!["quota"] = JsonNode.Parse("""{"tokensPerMinute": 1000}""");
        }));
        var key = Serverless.Infra.Resources.ResourceNames.Pascal(InfraContext.OnDemandModel.Replace(':', '-'));
        var alarms = synthesized.View.OfType("AWS::CloudWatch::Alarm").ToList();

        Assert.Equal(500, alarms.Single(a => a.Id.StartsWith("Monitoring" + key + "TokenQuota", StringComparison.Ordinal)).Resource["Properties"]!["Threshold"]!.GetValue<double>());
        Assert.DoesNotContain(alarms, a => a.Id.StartsWith("Monitoring" + key + "RequestQuota", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ledger_failing_closed_and_failed_batches_alarm()
    {
        Assert.Equal(EmfMetrics.StoreUnavailable, Alarm("QuotaStoreUnavailable")["MetricName"]!.GetValue<string>());
        Assert.Equal("ExecutionsFailed", Alarm("BatchExecutionsFailed")["MetricName"]!.GetValue<string>());
        Assert.Equal("ExecutionsTimedOut", Alarm("BatchExecutionsTimedOut")["MetricName"]!.GetValue<string>());
        Assert.Equal(
            $"${{{stack.View.OfType("AWS::StepFunctions::StateMachine").Single().Id}}}",
            Intrinsics.Render(Alarm("BatchExecutionsFailed")["Dimensions"]![0]!["Value"]));
    }

    [Fact]
    public void The_dashboard_shows_quota_use_against_the_limits_and_batch_records()
    {
        var body = Intrinsics.Render(stack.View.OfType("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!["DashboardBody"]);

        foreach (var metric in new[] { EmfMetrics.TokensReserved, EmfMetrics.TokensSettled, EmfMetrics.RequestsAdmitted, EmfMetrics.Refused, EmfMetrics.BatchRecordsFailed, EmfMetrics.BatchRecordsSucceeded })
        {
            Assert.Contains($"\"{metric}\"", body, StringComparison.Ordinal);
        }

        Assert.Contains("\"value\":2000000,\"label\":\"tokens per minute limit\"", body, StringComparison.Ordinal);
        Assert.Contains("\"InvocationThrottles\"", body, StringComparison.Ordinal);
        Assert.Contains("\"Url5xxCount\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alarm_email_subscribes_to_the_topic()
    {
        Assert.Empty(stack.View.OfType("AWS::SNS::Subscription"));

        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["alarmEmail"] = "ops@example.com"));

        var subscription = synthesized.View.OfType("AWS::SNS::Subscription").Single().Resource["Properties"]!;
        Assert.Equal("email", subscription["Protocol"]!.GetValue<string>());
        Assert.Equal("ops@example.com", subscription["Endpoint"]!.GetValue<string>());
    }
}
