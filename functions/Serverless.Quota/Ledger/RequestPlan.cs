namespace Serverless.Quota.Ledger;

/// <summary>
/// A request checked against the configuration: its scopes, item keys, limits and costs. Everything that can be
/// wrong with a request (unknown model or caller, a cost no window could ever admit) fails here, before any store call.
/// </summary>
internal sealed class RequestPlan
{
    private RequestPlan(string modelId, ModelQuota quota, long tokens, TimeSpan leaseDuration)
    {
        ModelId = modelId;
        Quota = quota;
        Tokens = tokens;
        LeaseDuration = leaseDuration;
        ModelCost = new ItemCost(1, tokens, quota.ConcurrentRequests is null ? 0 : 1);
    }

    public string ModelId { get; }

    public ModelQuota Quota { get; }

    public long Tokens { get; }

    public TimeSpan LeaseDuration { get; }

    public ItemCost ModelCost { get; }

    public string? CallerId { get; private init; }

    public string? CallerKey { get; private init; }

    public string? CallerScopeName { get; private init; }

    public ScopeLimits CallerLimits { get; private init; }

    public ItemCost CallerCost { get; private init; }

    public static RequestPlan Create(QuotaRequest request, QuotaLedgerOptions options, CallerRules rules, LedgerGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InputTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.InputTokens, "QuotaRequest.InputTokens must not be negative.");
        }

        if (request.MaxOutputTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxOutputTokens, "QuotaRequest.MaxOutputTokens must not be negative.");
        }

        if (request.LeaseDuration is { } asked && asked <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(request), asked, "QuotaRequest.LeaseDuration must be positive when set.");
        }

        var quota = ModelQuotaFor(request.ModelId, options);
        // A lease never outlives the configured maximum: the lease ring has no slots beyond it.
        var leaseDuration = request.LeaseDuration is { } duration && duration < geometry.MaxLeaseDuration ? duration : geometry.MaxLeaseDuration;
        var reservedBurndown = quota.ReserveOutputAtBurndown ? quota.OutputTokenBurndown : 1;
        var tokens = checked(request.InputTokens + ((long)request.MaxOutputTokens * reservedBurndown));
        if (quota.TokensPerMinute is { } tpm && tokens > tpm / quota.Shards)
        {
            throw new ArgumentException(
                $"QuotaRequest needs {tokens} quota tokens (InputTokens {request.InputTokens} + MaxOutputTokens {request.MaxOutputTokens} × {reservedBurndown}), more than the tokens-per-minute quota of '{request.ModelId}' allows one request ({tpm / quota.Shards}); it could never be admitted.",
                nameof(request));
        }

        if (request.CallerId is not { } callerId)
        {
            return new RequestPlan(request.ModelId, quota, tokens, leaseDuration);
        }

        var rule = CallerRuleFor(request.ModelId, callerId, options, rules);
        if (rule is null)
        {
            return new RequestPlan(request.ModelId, quota, tokens, leaseDuration) { CallerId = callerId };
        }

        if (rule.TokensPerMinute is { } callerTpm && tokens > callerTpm)
        {
            throw new ArgumentException(
                $"QuotaRequest needs {tokens} quota tokens, more than caller '{callerId}' may use under '{request.ModelId}' in a minute ({callerTpm}); it could never be admitted.",
                nameof(request));
        }

        return new RequestPlan(request.ModelId, quota, tokens, leaseDuration)
        {
            CallerId = callerId,
            CallerKey = LedgerKeys.Caller(options.KeyPrefix, request.ModelId, callerId),
            CallerScopeName = LedgerKeys.CallerScopeName(request.ModelId, callerId),
            CallerLimits = ScopeLimits.ForCaller(rule),
            CallerCost = new ItemCost(1, tokens, rule.ConcurrentRequests is null ? 0 : 1),
        };
    }

    public static ModelQuota ModelQuotaFor(string modelId, QuotaLedgerOptions options)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new ArgumentException("The model id (QuotaRequest.ModelId) is required.", nameof(modelId));
        }

        return options.Models.TryGetValue(modelId, out var quota)
            ? quota
            : throw new QuotaConfigurationException($"No quota is configured for model or inference profile '{modelId}' (add it under Models).");
    }

    public static CallerQuota? CallerRuleFor(string modelId, string callerId, QuotaLedgerOptions options, CallerRules rules)
    {
        if (string.IsNullOrWhiteSpace(callerId))
        {
            throw new ArgumentException("The caller id (QuotaRequest.CallerId) must not be empty; pass null for no caller.", nameof(callerId));
        }

        var rule = rules.Find(modelId, callerId);
        if (rule is null && options.RejectUnknownCallers)
        {
            throw new QuotaConfigurationException($"No sub-limit is configured for caller '{callerId}' under '{modelId}' (add a rule under Callers, or a default rule without CallerId).");
        }

        return rule;
    }

    public QuotaReservation Reservation(string scopeKey, ItemResult model, ItemResult? caller, DateTimeOffset now) => new()
    {
        ModelId = ModelId,
        CallerId = CallerId,
        ScopeKey = scopeKey,
        CallerScopeKey = caller is null ? null : CallerKey,
        Bucket = model.Bucket,
        ReservedTokens = Tokens,
        OutputTokenBurndown = Quota.OutputTokenBurndown,
        LeaseExpiryBucket = model.LeaseExpiryBucket,
        CallerBucket = caller?.Bucket,
        CallerLeaseExpiryBucket = caller?.LeaseExpiryBucket,
        ReservedAt = now,
    };

    public QuotaReservation UnrecordedReservation(DateTimeOffset now) => new()
    {
        ModelId = ModelId,
        CallerId = CallerId,
        ScopeKey = "",
        Bucket = 0,
        ReservedTokens = Tokens,
        OutputTokenBurndown = Quota.OutputTokenBurndown,
        ReservedAt = now,
        Unrecorded = true,
    };
}
