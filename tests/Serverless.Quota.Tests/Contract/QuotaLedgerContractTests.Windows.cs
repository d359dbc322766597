namespace Serverless.Quota.Tests.Contract;

/// <summary>The sliding minute: roll-over slot by slot, the bound over every 60-second span, exact Retry-After, clock skew.</summary>
public abstract partial class QuotaLedgerContractTests
{
    [Fact]
    public async Task EachBucketLeavesTheWindowOnItsOwnSchedule()
    {
        var ledger = await LedgerAsync(Options(rpm: 4));
        Assert.Equal(2, await AdmitCountAsync(ledger, 2, _ => Request()));
        Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, await AdmitCountAsync(ledger, 3, _ => Request()));

        // The two of second 0 leave at 61 s, the two of second 20 only at 81 s.
        Time.Advance(TimeSpan.FromSeconds(41));
        Assert.Equal(2, await AdmitCountAsync(ledger, 3, _ => Request()));
        Time.Advance(TimeSpan.FromSeconds(19.999));
        Assert.False((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await AdmitCountAsync(ledger, 3, _ => Request()));
    }

    [Fact]
    public async Task NoSixtySecondSpanAdmitsMoreThanTheQuota()
    {
        const long rpm = 20, tpm = 3_000;
        var ledger = await LedgerAsync(Options(rpm: rpm, tpm: tpm) with { BucketWidth = DefaultBucketWidth });
        var random = new Random(20260101);
        var admissions = new List<(DateTimeOffset At, long Tokens)>();
        var open = new List<(int Index, QuotaReservation Reservation)>();
        var end = Time.GetUtcNow() + TimeSpan.FromMinutes(6);

        while (Time.GetUtcNow() < end)
        {
            Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 2_500)));
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var decision = await ledger.TryReserveAsync(Request(random.Next(10, 200), random.Next(0, 120)), Ct);
                if (decision.Admitted)
                {
                    admissions.Add((Time.GetUtcNow(), decision.Reservation!.ReservedTokens));
                    open.Add((admissions.Count - 1, decision.Reservation));
                }
            }

            // Settle some open reservations (using up to what they reserved); leave others to expire unsettled.
            foreach (var (index, reservation) in open.Where(_ => random.Next(3) == 0).ToList())
            {
                open.RemoveAll(o => o.Index == index);
                if (random.Next(5) == 0)
                {
                    continue;
                }

                var used = random.NextInt64(0, reservation.ReservedTokens + 1);
                await ledger.SettleAsync(reservation, new ActualUsage(used, 0), Ct);
                admissions[index] = (admissions[index].At, used);
            }
        }

        Assert.True(admissions.Count >= 5 * rpm, $"only {admissions.Count} admissions: the test would prove little");
        foreach (var (at, _) in admissions)
        {
            var span = admissions.Where(a => a.At >= at - TimeSpan.FromSeconds(60) && a.At <= at).ToList();
            Assert.True(span.Count <= rpm, $"{span.Count} requests admitted in the 60 s up to {at:O}");
            Assert.True(span.Sum(a => a.Tokens) <= tpm, $"{span.Sum(a => a.Tokens)} tokens admitted in the 60 s up to {at:O}");
        }
    }

    [Fact]
    public async Task ReservingLikeBedrockEveryAdmissionFitsTheWindowAsItStandsThen()
    {
        // Reserving like Bedrock on a burndown-5 model: a call reserves input + maxTokens and is charged input + output × 5 at
        // settlement, which may exceed its reservation (charged without a check, as Bedrock charges it). The bound:
        // at every admission, the tokens of the calls admitted in the 60 s before it, each counted as it stood then
        // (its settled charge if settled, else its reservation), plus its own reservation, are within the quota.
        const long tpm = 6_000;
        var ledger = await LedgerAsync(ReservingLikeBedrock(Options(tpm: tpm, burndown: 5)) with { BucketWidth = DefaultBucketWidth });
        var random = new Random(20260102);
        var calls = new List<(DateTimeOffset At, long Reserved, DateTimeOffset? SettledAt, long Settled)>();
        var end = Time.GetUtcNow() + TimeSpan.FromMinutes(6);
        var excessCharged = false;

        while (Time.GetUtcNow() < end)
        {
            Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 2_500)));
            var now = Time.GetUtcNow();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var maxOutput = random.Next(50, 400);
                var decision = await ledger.TryReserveAsync(Request(random.Next(10, 300), maxOutput), Ct);
                if (!decision.Admitted)
                {
                    continue;
                }

                var reserved = decision.Reservation!.ReservedTokens;
                var charged = calls.Where(c => c.At > now - TimeSpan.FromSeconds(60)).Sum(c => c.SettledAt is not null ? c.Settled : c.Reserved);
                Assert.True(charged + reserved <= tpm, $"admitted {reserved} tokens at {now:O} onto {charged} already in the window");
                calls.Add((now, reserved, null, 0));

                // Settle at once or later, or never; the output (up to maxTokens) × 5 often exceeds the reservation.
                if (random.Next(4) != 0)
                {
                    var input = decision.Reservation.ReservedTokens - maxOutput;
                    var usage = new ActualUsage(input, random.Next(0, maxOutput + 1));
                    await ledger.SettleAsync(decision.Reservation, usage, Ct);
                    var settled = usage.InputTokens + (usage.OutputTokens * 5);
                    excessCharged |= settled > reserved;
                    calls[^1] = (now, reserved, now, settled);
                }
            }
        }

        Assert.True(calls.Count >= 50 && excessCharged, $"{calls.Count} admissions, excess charged: {excessCharged}: the test would prove little");
    }

    [Fact]
    public async Task RetryAfterForRequestsIsExact()
    {
        var ledger = await LedgerAsync(Options(rpm: 2));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(10.5));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(9.5));

        var refused = await ledger.TryReserveAsync(Request(), Ct);

        // The oldest request (bucket 0) leaves when bucket 61 starts: 61 s after the start, 41 s from now.
        Assert.Equal(QuotaLimitKind.RequestsPerMinute, refused.RefusedBy);
        Assert.Equal(TimeSpan.FromSeconds(41), refused.RetryAfter);
        await AssertRetryAfterIsExactAsync(ledger, refused.RetryAfter, Request());
    }

    [Fact]
    public async Task RetryAfterForTokensWaitsUntilEnoughHasLeft()
    {
        var ledger = await LedgerAsync(Options(tpm: 1_000));
        Assert.True((await ledger.TryReserveAsync(Request(300), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await ledger.TryReserveAsync(Request(300), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await ledger.TryReserveAsync(Request(300), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(5));

        // 900 used; 600 more needs the first two out: bucket 5 leaves at 66 s, 51 s from now.
        var refused = await ledger.TryReserveAsync(Request(600), Ct);

        Assert.Equal(QuotaLimitKind.TokensPerMinute, refused.RefusedBy);
        Assert.Equal(TimeSpan.FromSeconds(51), refused.RetryAfter);
        await AssertRetryAfterIsExactAsync(ledger, refused.RetryAfter, Request(600));
    }

    [Fact]
    public async Task RetryAfterForConcurrencyIsTheLeaseExpiry()
    {
        var ledger = await LedgerAsync(Options(concurrency: 1));
        Time.Advance(TimeSpan.FromSeconds(3));
        Assert.True((await ledger.TryReserveAsync(Request(lease: TimeSpan.FromSeconds(30)), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(2));

        var refused = await ledger.TryReserveAsync(Request(), Ct);

        // Taken at 3 s for 30 s: expires at the end of lease bucket 3 (10 s buckets), i.e. at 40 s, 35 s from now.
        Assert.Equal(QuotaLimitKind.ConcurrentRequests, refused.RefusedBy);
        Assert.Equal(TimeSpan.FromSeconds(35), refused.RetryAfter);
        await AssertRetryAfterIsExactAsync(ledger, refused.RetryAfter, Request());
    }

    [Fact]
    public async Task RetryAfterNamesTheLimitThatBindsLongest()
    {
        var ledger = await LedgerAsync(Options(rpm: 1, concurrency: 1));
        Assert.True((await ledger.TryReserveAsync(Request(lease: TimeSpan.FromSeconds(5)), Ct)).Admitted);

        var refused = await ledger.TryReserveAsync(Request(), Ct);

        // The lease is gone at 10 s, the request only at 61 s.
        Assert.Equal(QuotaLimitKind.RequestsPerMinute, refused.RefusedBy);
        Assert.Equal(TimeSpan.FromSeconds(61), refused.RetryAfter);
    }

    [Fact]
    public async Task ALedgerWhoseClockIsBehindCountsInTheItemsNewerBucket()
    {
        var ahead = new Serverless.TestSupport.ManualTimeProvider(Time.GetUtcNow() + TimeSpan.FromSeconds(5));
        var fast = await LedgerAsync(Options(rpm: 4), time: ahead);
        var slow = await LedgerAsync(Options(rpm: 4));

        Assert.Equal(2, await AdmitCountAsync(fast, 2, _ => Request()));
        var slowDecision = await slow.TryReserveAsync(Request(), Ct);
        Assert.True(slowDecision.Admitted);
        Assert.True((await slow.TryReserveAsync(Request(), Ct)).Admitted);
        Assert.False((await slow.TryReserveAsync(Request(), Ct)).Admitted);
        Assert.False((await fast.TryReserveAsync(Request(), Ct)).Admitted);

        // The slow ledger counted in the fast clock's bucket, so nothing leaves at 61 s by its own clock...
        Assert.Equal(ahead.GetUtcNow().ToUnixTimeSeconds(), slowDecision.Reservation!.Bucket);
        Time.Advance(TimeSpan.FromSeconds(61));
        ahead.Advance(TimeSpan.FromSeconds(61));
        Assert.False((await slow.TryReserveAsync(Request(), Ct)).Admitted);

        // ...but all four leave when the fast clock's bucket 5 leaves (66 s by the fast clock).
        Time.Advance(TimeSpan.FromSeconds(5));
        ahead.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(4, await AdmitCountAsync(slow, 5, _ => Request()));
    }

    [Fact]
    public async Task ALedgerWhoseClockIsAheadDoesNotEraseUsageOfTheOthers()
    {
        var ahead = new Serverless.TestSupport.ManualTimeProvider(Time.GetUtcNow() + TimeSpan.FromSeconds(5));
        var slow = await LedgerAsync(Options(rpm: 4));
        var fast = await LedgerAsync(Options(rpm: 4), time: ahead);

        Assert.Equal(2, await AdmitCountAsync(slow, 2, _ => Request()));
        Assert.Equal(2, await AdmitCountAsync(fast, 3, _ => Request()));
        Assert.False((await slow.TryReserveAsync(Request(), Ct)).Admitted);

        // The slow ledger's two (bucket 0) leave at 61 s; the fast one's (its bucket 5) at 66 s by its clock.
        Time.Advance(TimeSpan.FromSeconds(61));
        ahead.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(2, await AdmitCountAsync(slow, 3, _ => Request()));
    }

    private async Task AssertRetryAfterIsExactAsync(IQuotaLedger ledger, TimeSpan retryAfter, QuotaRequest request)
    {
        Time.Advance(retryAfter - TimeSpan.FromTicks(1));
        Assert.False((await ledger.TryReserveAsync(request, Ct)).Admitted);
        Time.Advance(TimeSpan.FromTicks(1));
        Assert.True((await ledger.TryReserveAsync(request, Ct)).Admitted);
    }
}
