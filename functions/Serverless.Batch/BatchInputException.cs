namespace Serverless.Batch;

/// <summary>
/// The batch's input is invalid; the message names the record (line) and the field. Reported to Step Functions with
/// this class name as the error type, so the execution fails with a clear cause instead of retrying.
/// </summary>
public sealed class BatchInputException(string message) : Exception(message);

/// <summary>No job slot of the model is free (the ledger refused): the state machine retries admission with backoff.</summary>
public sealed class JobSlotUnavailableException(string message) : Exception(message);
