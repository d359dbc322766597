namespace Serverless.Quota.Ledger;

/// <summary>Finds the sub-limit that applies to a caller under a model: the most specific configured rule.</summary>
internal sealed class CallerRules
{
    private readonly Dictionary<(string? CallerId, string? ModelId), CallerQuota> _rules = [];

    public CallerRules(IReadOnlyList<CallerQuota> rules)
    {
        foreach (var rule in rules)
        {
            _rules[(rule.CallerId, rule.ModelId)] = rule;
        }
    }

    public CallerQuota? Find(string modelId, string callerId)
        => _rules.GetValueOrDefault((callerId, modelId))
        ?? _rules.GetValueOrDefault((callerId, null))
        ?? _rules.GetValueOrDefault((null, modelId))
        ?? _rules.GetValueOrDefault((null, null));
}
