namespace Serverless.Quota.Storage;

/// <summary>The ledger's store did not answer within its deadline (errors, throttling past the retry budget, timeouts).</summary>
public sealed class QuotaStoreUnavailableException : Exception
{
    public QuotaStoreUnavailableException(string message)
        : base(message)
    {
    }

    public QuotaStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
