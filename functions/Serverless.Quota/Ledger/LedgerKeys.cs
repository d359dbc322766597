namespace Serverless.Quota.Ledger;

/// <summary>
/// Item keys: <c>{prefix}q#{scope}</c> for a model or inference profile, <c>…#s{i}</c> for shard i of it,
/// <c>{prefix}q#{scope}#c#{caller}</c> for a caller's sub-limit under it.
/// </summary>
internal static class LedgerKeys
{
    public static string Scope(string prefix, string modelId, int shard, int shards)
        => shards == 1 ? $"{prefix}q#{modelId}" : $"{prefix}q#{modelId}#s{shard}";

    public static string Caller(string prefix, string modelId, string callerId) => $"{prefix}q#{modelId}#c#{callerId}";

    /// <summary>The scope name decisions and status report for a caller under a model.</summary>
    public static string CallerScopeName(string modelId, string callerId) => $"{modelId}#{callerId}";
}
