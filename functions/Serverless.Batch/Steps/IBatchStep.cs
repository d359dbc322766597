namespace Serverless.Batch.Steps;

/// <summary>One Lambda step of the batch workflow: JSON in, JSON out (see <see cref="BatchStepCatalog"/>).</summary>
public interface IBatchStep<TInput, TOutput>
{
    ValueTask<TOutput> HandleAsync(TInput input, CancellationToken cancellationToken);
}
