using System.Text.Json.Nodes;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Resources;

public sealed class BatchScheduleTests(DefaultStack stack)
{
    [Fact]
    public void The_schedule_starts_the_state_machine_in_scheduled_mode_with_its_own_role()
    {
        var schedule = stack.View.OfType("AWS::Scheduler::Schedule").Single().Resource["Properties"]!;
        var stateMachine = stack.View.OfType("AWS::StepFunctions::StateMachine").Single().Id;
        var role = stack.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("BatchScheduleRole", StringComparison.Ordinal)).Id;

        Assert.Equal("BedrockServerless-test-deferred-batches", schedule["Name"]!.GetValue<string>());
        Assert.Equal("rate(1 hour)", schedule["ScheduleExpression"]!.GetValue<string>());
        Assert.Equal("UTC", schedule["ScheduleExpressionTimezone"]!.GetValue<string>());
        Assert.Equal("ENABLED", schedule["State"]!.GetValue<string>());
        Assert.Equal("OFF", schedule["FlexibleTimeWindow"]!["Mode"]!.GetValue<string>());
        Assert.Equal($"${{{stateMachine}}}", Intrinsics.Render(schedule["Target"]!["Arn"]));
        Assert.Equal($"${{{role}.Arn}}", Intrinsics.Render(schedule["Target"]!["RoleArn"]));
        Assert.Equal("scheduled", JsonNode.Parse(schedule["Target"]!["Input"]!.GetValue<string>())!["mode"]!.GetValue<string>());
    }

    [Fact]
    public void The_scheduler_role_is_trusted_only_for_schedules_of_this_account_default_group()
    {
        var role = stack.View.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("BatchScheduleRole", StringComparison.Ordinal)).Id;

        var trust = Assert.Single(stack.View.TrustOf(role));

        Assert.Equal("scheduler.amazonaws.com", trust.Raw["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal("${AWS::AccountId}", trust.ConditionValue("StringEquals", "aws:SourceAccount"));
        Assert.Equal(
            "arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule-group/default",
            trust.ConditionValue("ArnEquals", "aws:SourceArn"));
    }

    [Fact]
    public void The_expression_time_zone_and_state_come_from_the_settings()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c =>
            c["schedule"] = JsonNode.Parse("""{"enabled": false, "expression": "cron(0 2 * * ? *)", "timezone": "Europe/Berlin"}""")));

        var schedule = synthesized.View.OfType("AWS::Scheduler::Schedule").Single().Resource["Properties"]!;
        Assert.Equal("cron(0 2 * * ? *)", schedule["ScheduleExpression"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", schedule["ScheduleExpressionTimezone"]!.GetValue<string>());
        Assert.Equal("DISABLED", schedule["State"]!.GetValue<string>());
    }
}
