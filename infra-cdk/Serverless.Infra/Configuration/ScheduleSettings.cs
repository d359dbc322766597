namespace Serverless.Infra.Configuration;

/// <summary>The EventBridge Scheduler schedule that runs the deferred batches (<c>{"mode":"scheduled"}</c>).</summary>
/// <param name="Expression">A Scheduler expression: <c>rate(1 hour)</c>, <c>cron(0 2 * * ? *)</c>, ...</param>
/// <param name="Timezone">IANA time zone of a cron expression.</param>
public sealed record ScheduleSettings(bool Enabled = true, string Expression = "rate(1 hour)", string Timezone = "UTC");
