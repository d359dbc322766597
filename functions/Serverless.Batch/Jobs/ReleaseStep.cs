using Serverless.Batch.Contracts;
using Serverless.Batch.Steps;

namespace Serverless.Batch.Jobs;

/// <summary>batch-release: gives the job slot back once the job's output is fanned out (a shard that never got a slot has nothing to release).</summary>
public sealed class ReleaseStep(JobSlotLedger slots) : IBatchStep<ReleaseInput, ReleaseOutput>
{
    public async ValueTask<ReleaseOutput> HandleAsync(ReleaseInput input, CancellationToken cancellationToken)
    {
        if (input?.Slot?.Reservation is not { } reservation)
        {
            return new ReleaseOutput { Released = false };
        }

        await slots.ReleaseAsync(reservation, cancellationToken).ConfigureAwait(false);
        return new ReleaseOutput { Released = true };
    }
}
