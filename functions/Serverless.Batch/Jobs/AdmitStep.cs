using Serverless.Batch.Contracts;
using Serverless.Batch.Steps;

namespace Serverless.Batch.Jobs;

/// <summary>
/// batch-admit: takes a job slot of the shard's model (or throws <see cref="JobSlotUnavailableException"/>, which
/// the state machine retries with backoff) and returns it with the job's polling plan.
/// </summary>
public sealed class AdmitStep(JobSlotLedger slots, PollPlanSettings polling, TimeProvider time) : IBatchStep<AdmitInput, JobSlot>
{
    public async ValueTask<JobSlot> HandleAsync(AdmitInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrEmpty(input.Shard?.ModelId))
        {
            throw new BatchInputException("shard.modelId: is required.");
        }

        var lease = TimeSpan.FromHours(input.Run.TimeoutHours) + polling.Margin;
        var decision = await slots.TryAdmitAsync(input.Shard.ModelId, lease, cancellationToken).ConfigureAwait(false);
        if (!decision.Admitted)
        {
            throw new JobSlotUnavailableException(decision.Reason ?? $"No batch job slot of '{input.Shard.ModelId}' is free.");
        }

        return new JobSlot
        {
            Reservation = decision.Reservation,
            Poll = PollPlan.Build(polling, input.Run.TimeoutHours, input.Run.Deadline, time.GetUtcNow()),
        };
    }
}
