using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Scheduler;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Serverless.Infra.Configuration;

namespace Serverless.Infra.Resources;

/// <summary>
/// The EventBridge Scheduler schedule that starts the state machine with <c>{"mode":"scheduled"}</c>, which claims
/// every deferred batch (docs/batch-workflow.md, Schedule). The L1 CfnSchedule: this CDK version has no Scheduler L2.
/// Its own role may start this state machine only, and trusts the Scheduler only for this account's default schedule group.
/// </summary>
public sealed class BatchSchedule : Construct
{
    /// <summary>The execution input of a scheduled run.</summary>
    public const string ScheduledInput = "{\"mode\":\"scheduled\"}";

    public BatchSchedule(Construct scope, string id, InfraSettings settings, IStateMachine stateMachine) : base(scope, id)
    {
        var stack = Stack.Of(this);
        var name = $"{settings.StackName}-deferred-batches";
        // The Scheduler assumes the role with the schedule GROUP's ARN as aws:SourceArn (since September 2023;
        // EventBridge Scheduler, "Troubleshooting quotas"), so that is what the trust can name.
        var scheduleGroupArn = $"arn:{stack.Partition}:scheduler:{stack.Region}:{stack.Account}:schedule-group/default";

        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("scheduler.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = scheduleGroupArn },
                },
            }),
            Description = $"EventBridge Scheduler: start the scheduled batch run ({settings.EnvironmentName}).",
        });
        Role.AddToPrincipalPolicy(Security.Statements.Allow(["states:StartExecution"], stateMachine.StateMachineArn));

        Schedule = new CfnSchedule(this, "Schedule", new CfnScheduleProps
        {
            Name = name,
            Description = "Runs the deferred batches (the API's batch route with deferred: true) as one workflow execution.",
            ScheduleExpression = settings.Schedule.Expression,
            ScheduleExpressionTimezone = settings.Schedule.Timezone,
            State = settings.Schedule.Enabled ? "ENABLED" : "DISABLED",
            FlexibleTimeWindow = new CfnSchedule.FlexibleTimeWindowProperty { Mode = "OFF" },
            Target = new CfnSchedule.TargetProperty
            {
                Arn = stateMachine.StateMachineArn,
                RoleArn = Role.RoleArn,
                Input = ScheduledInput,
                RetryPolicy = new CfnSchedule.RetryPolicyProperty { MaximumRetryAttempts = 3, MaximumEventAgeInSeconds = 3600 },
            },
        });
    }

    public Role Role { get; }

    public CfnSchedule Schedule { get; }
}
