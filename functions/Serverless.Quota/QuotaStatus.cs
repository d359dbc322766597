namespace Serverless.Quota;

/// <summary>Use against limit for a model (or profile) and, when asked, a caller under it.</summary>
public sealed record QuotaStatus(string ModelId, string? CallerId, IReadOnlyList<ScopeUsage> Scopes);

/// <summary>One limit of one scope: how much of it the current window (or the live leases) uses.</summary>
public sealed record ScopeUsage(string Scope, QuotaLimitKind Kind, long Used, long Limit);
