using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serverless.Batch.FanOut;
using Serverless.Batch.Jobs;
using Serverless.Batch.Json;
using Serverless.Batch.OnDemand;
using Serverless.Batch.Prepare;
using Serverless.Batch.Summaries;

namespace Serverless.Batch.Steps;

/// <summary>The handler names the state machine's Lambda functions are registered under.</summary>
public static class BatchStepNames
{
    public const string Prepare = "batch-prepare";
    public const string Admit = "batch-admit";
    public const string FanOut = "batch-fanout";
    public const string Release = "batch-release";
    public const string Retry = "batch-retry";
    public const string Summarize = "batch-summarize";

    public static IReadOnlyList<string> All { get; } = [Prepare, Admit, FanOut, Release, Retry, Summarize];
}

/// <summary>
/// Every step by name as a JSON-in / JSON-out handler, built on first use: what a Lambda host registers as buffered
/// handlers and what the local step host serves. A failure is an exception whose class name is the error type Step
/// Functions sees (<see cref="ErrorType"/>): <c>BatchInputException</c>, <c>JobSlotUnavailableException</c>, ...
/// </summary>
public sealed class BatchStepCatalog
{
    private readonly Dictionary<string, Lazy<BatchJsonStep>> _steps;

    public BatchStepCatalog(BatchServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var s = services;
        var context = BatchJsonContext.Default;
        _steps = new Dictionary<string, Lazy<BatchJsonStep>>(StringComparer.Ordinal)
        {
            [BatchStepNames.Prepare] = Lazy(BatchStepNames.Prepare, () => new PrepareStep(s.ObjectStore, s.Pending, s.Settings, s.Time, s.Random), context.PrepareInput, context.PrepareOutput),
            [BatchStepNames.Admit] = Lazy(BatchStepNames.Admit, () => new AdmitStep(s.JobSlots, s.Settings.Polling, s.Time), context.AdmitInput, context.JobSlot),
            [BatchStepNames.FanOut] = Lazy(BatchStepNames.FanOut, () => new FanOutStep(s.ObjectStore, s.Results, s.Settings), context.FanOutInput, context.FanOutOutput),
            [BatchStepNames.Release] = Lazy(BatchStepNames.Release, () => new ReleaseStep(s.JobSlots), context.ReleaseInput, context.ReleaseOutput),
            [BatchStepNames.Retry] = Lazy(BatchStepNames.Retry, () => new RetryStep(s.ObjectStore, s.Results, s.Runtime(), s.OnDemandLedger, s.Settings, s.Time), context.RetryInput, context.OnDemandProgress),
            [BatchStepNames.Summarize] = Lazy(BatchStepNames.Summarize, () => new SummarizeStep(s.ObjectStore, s.Results), context.SummarizeInput, context.BatchSummary),
        };
    }

    public IReadOnlyCollection<string> Names => _steps.Keys;

    /// <exception cref="KeyNotFoundException">No step has that name; the message lists the known ones.</exception>
    public BatchJsonStep Get(string name)
        => _steps.TryGetValue(name, out var step)
            ? step.Value
            : throw new KeyNotFoundException($"No batch step is named '{name}'; known: {string.Join(", ", BatchStepNames.All)}.");

    /// <summary>The error type to report for a step's exception (Step Functions matches Retry/Catch on it).</summary>
    public static string ErrorType(Exception exception) => exception.GetType().Name;

    private static Lazy<BatchJsonStep> Lazy<TIn, TOut>(string name, Func<IBatchStep<TIn, TOut>> create, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output)
        => new(() => BatchJsonStep.Create(name, create(), input, output));
}

/// <summary>A step behind a JSON boundary: bad JSON is a <see cref="BatchInputException"/> naming the step and the problem.</summary>
public sealed class BatchJsonStep
{
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> _invoke;

    private BatchJsonStep(string name, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> invoke)
    {
        Name = name;
        _invoke = invoke;
    }

    public string Name { get; }

    public ValueTask<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => _invoke(payload, cancellationToken);

    internal static BatchJsonStep Create<TIn, TOut>(string name, IBatchStep<TIn, TOut> step, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output)
        => new(name, async (payload, cancellationToken) =>
        {
            TIn value;
            try
            {
                value = JsonSerializer.Deserialize(payload.Span, input) ?? throw new BatchInputException($"{name}: the input is null.");
            }
            catch (JsonException e)
            {
                throw new BatchInputException($"{name}: the input is not valid ({e.Path}: {e.Message})");
            }

            var result = await step.HandleAsync(value, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToUtf8Bytes(result, output);
        });
}
