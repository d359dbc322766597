namespace Serverless.Quota;

/// <summary>A request names a model, profile or caller the ledger has no quota for, or the configuration is invalid. The message names it.</summary>
public sealed class QuotaConfigurationException(string message) : Exception(message);
