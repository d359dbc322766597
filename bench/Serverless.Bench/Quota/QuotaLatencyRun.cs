using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Serverless.Quota;
using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Bench.Quota;

/// <summary>
/// Benchmark (a): what one admission decision costs against DynamoDB Local, beside the floor under any DynamoDB
/// limiter (a bare UpdateItem that ADDs to a counter), in the same run, interleaved so drift hits all rows alike;
/// then DynamoDB calls per decision under a realistic mixed load over simulated minutes (a counting store decorator).
/// <c>quota-latency [calls per row and round] [simulated-minutes] [rounds]</c>.
/// </summary>
public static class QuotaLatencyRun
{
    private const string Model = "anthropic.claude-sonnet-4-5";

    /// <summary>The ledger's window (60.25 s) and a margin: after this the ring holds a full minute of admissions.</summary>
    private static readonly TimeSpan RingFillTime = TimeSpan.FromSeconds(65);

    public static async Task RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3_000;
        var minutes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var warmup = Math.Max(2_000, n / 5); // DynamoDB Local is a JVM: its JIT needs thousands of requests to settle
        Console.WriteLine($"Quota admission latency against DynamoDB Local: {rounds} rounds of {n:N0} sequential calls per row after at least {warmup:N0} warm-up calls and {RingFillTime.TotalSeconds:0} s, one caller, {Environment.ProcessorCount} cores");
        await using var dynamo = await DynamoDbLocalBench.StartAsync();

        await MeasureLatencyAsync(dynamo, n, warmup, rounds);
        Console.WriteLine();
        Console.WriteLine($"Store calls per decision, mixed load over {minutes} simulated minutes (4 models, reserve then settle 1-10 s later, 20 decisions/s offered):");
        foreach (var returnItem in new[] { false, true })
        {
            await MeasureCallsPerDecisionAsync(dynamo, minutes, returnItem);
        }
    }

    private static async Task MeasureLatencyAsync(DynamoDbLocalBench dynamo, int n, int warmup, int rounds)
    {
        var options = new QuotaLedgerOptions
        {
            // Limits no row reaches (six rows take turns, so the ledger rows see about 25,000 decisions a minute): every
            // decision is an admission.
            Models = new Dictionary<string, ModelQuota> { [Model] = new() { RequestsPerMinute = 1_000_000, TokensPerMinute = 1_000_000_000, OutputTokenBurndown = 5 } },
        };
        var withItem = new CountingQuotaStore(dynamo.Store(returnItemOnSuccess: true));
        var withoutItem = new CountingQuotaStore(dynamo.Store(returnItemOnSuccess: false));
        var ledgerWithItem = new QuotaLedger(withItem, options with { KeyPrefix = "lat-a/" }, TimeProvider.System, new Random(1));
        var ledgerWithoutItem = new QuotaLedger(withoutItem, options with { KeyPrefix = "lat-b/" }, TimeProvider.System, new Random(2));
        var request = new QuotaRequest(Model, InputTokens: 200, MaxOutputTokens: 20);
        var bare = CounterWrites.Add(dynamo.TableName, "bare#counter", condition: false);

        // What a condition costs over the bare ADD in DynamoDB Local, which no exact limiter avoids.
        var limited = CounterWrites.Add(dynamo.TableName, "bare#limited", condition: true);

        // The same ADD on an item as large as a ledger item: separates what the item's size costs DynamoDB Local from
        // what the ledger's expressions cost.
        var geometry = new Serverless.Quota.Ledger.LedgerGeometry(options);
        var sized = LedgerItem.ToItem("bare#sized", geometry.Empty(geometry.Bucket(DateTimeOffset.UtcNow), geometry.LeaseBucket(DateTimeOffset.UtcNow), withLeaseRing: false));
        sized[LedgerItem.ExpiresAt] = LedgerItem.Number(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = dynamo.TableName, Item = sized });
        var bareSized = CounterWrites.Add(dynamo.TableName, "bare#sized", condition: false);

        // The store's admission request alone, on an item whose bucket never moves: what the request costs without
        // the ledger's logic (and without rollovers).
        var storeAlone = dynamo.Store();
        var fixedState = geometry.Empty(100, 10, withLeaseRing: false);
        fixedState.Version = 1;
        fixedState.ExpiresAtEpochSeconds = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        await storeAlone.ReplaceAsync("bare#store", new ReplaceUpdate(null, fixedState), default);
        var fixedAdmission = new AdmitUpdate(100, geometry.Slot(100), 1, 300, 1_000_000_000_000, 1_000_000_000_000, 10, geometry.LeaseSlot(11), 0, long.MaxValue);

        var rows = new (string Name, Func<Task<bool>> Call, Latencies Latencies)[]
        {
            ("bare UpdateItem, ADD on a counter (baseline)", async () => { await dynamo.Client.UpdateItemAsync(bare); return true; }, new Latencies()),
            ("bare UpdateItem, ADD on a ledger item", async () => { await dynamo.Client.UpdateItemAsync(bareSized); return true; }, new Latencies()),
            ("conditional ADD on a counter (least exact limiter)", async () => { await dynamo.Client.UpdateItemAsync(limited); return true; }, new Latencies()),
            ("DynamoDbQuotaStore.AdmitAsync alone", async () => (await storeAlone.AdmitAsync("bare#store", fixedAdmission, default)).Applied, new Latencies()),
            ("ledger TryReserve (default: no item returned)", async () => (await ledgerWithoutItem.TryReserveAsync(request, default)).Admitted, new Latencies()),
            ("ledger TryReserve (ReturnItemOnSuccess = true)", async () => (await ledgerWithItem.TryReserveAsync(request, default)).Admitted, new Latencies()),
        };

        var refused = 0;
        var roundRatios = rows.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            // Round -1 is the warm-up; each measured round gives every row's p50 ratio to the baseline of that round.
            // The warm-up also lasts a whole window (and a little): a ledger item's ring fills over its first 60 s, and
            // a busy ring costs DynamoDB Local more per write (quota-request-parts), so measuring earlier flatters it.
            var roundRows = rows.Select(_ => new Latencies()).ToArray();
            var warmingSince = Stopwatch.GetTimestamp();
            for (var i = 0; round < 0 ? i < warmup || Stopwatch.GetElapsedTime(warmingSince) < RingFillTime : i < n; i++)
            {
                // Rotate the order so no row always runs right after another.
                for (var j = 0; j < rows.Length; j++)
                {
                    var index = (i + j) % rows.Length;
                    var admitted = round < 0 ? await rows[index].Call() : await roundRows[index].TimeAsync(rows[index].Call);
                    refused += admitted ? 0 : 1;
                }
            }

            if (round < 0)
            {
                ledgerWithItem.Counters.Reset();
                ledgerWithoutItem.Counters.Reset();
                withItem.Reset();
                withoutItem.Reset();
                continue;
            }

            for (var j = 0; j < rows.Length; j++)
            {
                rows[j].Latencies.AddRange(roundRows[j]);
                roundRatios[j].Add(roundRows[j].P50 / roundRows[0].P50);
            }
        }

        var baseline = rows[0].Latencies;
        Console.WriteLine($"{"",-55} {"p50",9} {"p99",9} {"p50 ratio",10} {"p99 ratio",10}   p50 ratio per round (median)");
        for (var j = 0; j < rows.Length; j++)
        {
            var (name, _, latencies) = rows[j];
            var perRound = string.Join(" ", roundRatios[j].Select(r => r.ToString("N2", CultureInfo.InvariantCulture)));
            var median = roundRatios[j].Order().ElementAt(roundRatios[j].Count / 2);
            Console.WriteLine($"{name,-55} {latencies.P50,6:N3} ms {latencies.P99,6:N3} ms {latencies.P50 / baseline.P50,10:N2} {latencies.P99 / baseline.P99,10:N2}   {perRound} ({median:N2})");
        }

        Console.WriteLine($"ledger's own CPU per decision (in-memory store): {await InMemoryLedgerMicrosecondsAsync(options, request):N1} µs");
        Console.WriteLine($"refused: {refused}; store calls per decision: {(double)withoutItem.Calls / ledgerWithoutItem.Counters.Decisions:N3} (default), {(double)withItem.Calls / ledgerWithItem.Counters.Decisions:N3} (item returned)");
    }

    private static async Task<double> InMemoryLedgerMicrosecondsAsync(QuotaLedgerOptions options, QuotaRequest request)
    {
        // Limits high enough that 25,000 decisions in a second are all admissions, as in the rows above.
        var unlimited = options with
        {
            KeyPrefix = "cpu/",
            Models = new Dictionary<string, ModelQuota> { [Model] = new() { RequestsPerMinute = 1_000_000_000, TokensPerMinute = 1_000_000_000_000, OutputTokenBurndown = 5 } },
        };
        var ledger = new QuotaLedger(new InMemoryQuotaStore(), unlimited, TimeProvider.System, new Random(3));
        for (var i = 0; i < 20_000; i++)
        {
            await ledger.TryReserveAsync(request, default);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 5_000; i++)
        {
            await ledger.TryReserveAsync(request, default);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / 5_000;
    }

    private static async Task MeasureCallsPerDecisionAsync(DynamoDbLocalBench dynamo, int minutes, bool returnItem)
    {
        // Bedrock-like default quotas, some tight enough that the offered load is refused part of the time.
        var options = new QuotaLedgerOptions
        {
            Models = new Dictionary<string, ModelQuota>
            {
                ["anthropic.claude-sonnet-4-5"] = new() { RequestsPerMinute = 400, TokensPerMinute = 2_000_000, ConcurrentRequests = 40, OutputTokenBurndown = 5 },
                ["us.anthropic.claude-haiku-4-5"] = new() { RequestsPerMinute = 500, TokensPerMinute = 3_000_000, OutputTokenBurndown = 5 },
                ["amazon.nova-pro-v1:0"] = new() { RequestsPerMinute = 200, TokensPerMinute = 400_000 },
                ["meta.llama3-3-70b-instruct-v1:0"] = new() { RequestsPerMinute = 100, TokensPerMinute = 300_000 },
            },
            KeyPrefix = $"mix-{(returnItem ? "a" : "b")}/",
        };
        string[] traffic = ["anthropic.claude-sonnet-4-5", "anthropic.claude-sonnet-4-5", "anthropic.claude-sonnet-4-5", "us.anthropic.claude-haiku-4-5", "us.anthropic.claude-haiku-4-5", "amazon.nova-pro-v1:0", "meta.llama3-3-70b-instruct-v1:0"];

        // The simulated clock starts at the real time: the table has TTL on and DynamoDB Local deletes expired items.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var store = new CountingQuotaStore(dynamo.Store(returnItem));
        var ledger = new QuotaLedger(store, options, clock, new Random(5));
        var random = new Random(42);
        var inFlight = new PriorityQueue<(QuotaReservation Reservation, ActualUsage Usage), DateTimeOffset>();
        long decisionCalls = 0, settleCalls = 0, decisions = 0, admitted = 0, settlements = 0;
        var end = clock.GetUtcNow() + TimeSpan.FromMinutes(minutes);
        while (clock.GetUtcNow() < end)
        {
            while (inFlight.TryPeek(out var due, out var at) && at <= clock.GetUtcNow())
            {
                inFlight.Dequeue();
                var before = store.Calls;
                await ledger.SettleAsync(due.Reservation, due.Usage, default);
                settleCalls += store.Calls - before;
                settlements++;
            }

            var model = traffic[random.Next(traffic.Length)];
            var request = new QuotaRequest(model, random.Next(200, 3_000), 1_024);
            var callsBefore = store.Calls;
            var decision = await ledger.TryReserveAsync(request, default);
            decisionCalls += store.Calls - callsBefore;
            decisions++;
            if (decision.Admitted)
            {
                admitted++;
                var usage = new ActualUsage(request.InputTokens, random.Next(50, 1_024));
                inFlight.Enqueue((decision.Reservation!, usage), clock.GetUtcNow() + TimeSpan.FromMilliseconds(random.Next(1_000, 10_000)));
            }

            clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        Console.WriteLine(
            $"  {(returnItem ? "ReturnItemOnSuccess = true" : "default (no item returned)"),-34} decisions {decisions:N0} (admitted {admitted:N0}, refused {decisions - admitted:N0}): "
            + $"{(double)decisionCalls / decisions:N3} calls/decision; settlements {settlements:N0}: {(double)settleCalls / settlements:N3} calls/settlement; "
            + $"ledger's own count {ledger.Counters.StoreCallsPerDecision:N3}");
    }
}
