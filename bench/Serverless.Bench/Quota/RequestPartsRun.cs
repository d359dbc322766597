using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Serverless.Quota;
using Serverless.Quota.Ledger;
using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Bench.Quota;

/// <summary>
/// Where the admission write's time goes (benchmark (a)'s breakdown): the ledger's admission request taken apart
/// against DynamoDB Local, each part beside a bare ADD on a counter, interleaved in one run; then what the same
/// requests cost the client alone (the AWS SDK against an HTTP handler that answers at once).
/// <c>quota-request-parts [calls per row]</c>, or <c>quota-request-parts client</c> for the client side alone.
/// </summary>
public static class RequestPartsRun
{
    private const int Warmup = 2_000;
    private const long Bucket = 100;

    public static async Task RunAsync(string[] args)
    {
        if (args is ["client"])
        {
            // The client side alone (no DynamoDB Local): quick to repeat while changing the ledger's own code.
            var alone = new LedgerGeometry(new QuotaLedgerOptions { Models = new Dictionary<string, ModelQuota> { ["m"] = new() { RequestsPerMinute = 1_000, TokensPerMinute = 1_000 } } });
            await ClientSideAsync(Admission(alone));
            return;
        }

        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        Console.WriteLine($"The admission request taken apart against DynamoDB Local: {n:N0} calls per row after {Warmup:N0} warm-up, one caller, {Environment.ProcessorCount} cores");
        await using var dynamo = await DynamoDbLocalBench.StartAsync();
        var geometry = new LedgerGeometry(new QuotaLedgerOptions { Models = new Dictionary<string, ModelQuota> { ["m"] = new() { RequestsPerMinute = 1_000, TokensPerMinute = 1_000 } } });
        var store = dynamo.Store();
        var admission = Admission(geometry);
        var quiet = await PutItemAsync(store, geometry, "parts#quiet", slotRequests: 0, slotTokens: 0);
        var busy = await PutItemAsync(store, geometry, "parts#busy", slotRequests: 90, slotTokens: 30_000);

        UpdateItemRequest Admit(string key) => LedgerRequests.Admit(dynamo.TableName, key, admission, returnItem: false);
        UpdateItemRequest AddsOnly(string key, bool bucketCondition)
        {
            // The admission request without its maxima (and, unless asked, without any condition on the bucket).
            var request = Admit(key);
            request.ExpressionAttributeValues.Remove(":maxr");
            request.ExpressionAttributeValues.Remove(":maxt");
            request.ConditionExpression = bucketCondition ? "b = :b" : null;
            if (bucketCondition)
            {
                request.ExpressionAttributeValues[":b"] = LedgerItem.Number(Bucket);
            }
            else
            {
                request.ReturnValuesOnConditionCheckFailure = null;
            }

            return request;
        }

        // The admission as it was until 2026-12-05 (the bucket a term of its own, every name a placeholder), on an item
        // laid out as then (the request sum in "ur"), for the before/after in one run.
        var previous = await PutItemAsync(store, geometry, "parts#previous", slotRequests: 0, slotTokens: 0);
        await dynamo.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = dynamo.TableName,
            Key = LedgerItem.Key(previous),
            UpdateExpression = $"SET ur = {LedgerItem.RequestSum(Bucket)} REMOVE {LedgerItem.RequestSum(Bucket)}",
        });
        var previousAdmission = new UpdateItemRequest
        {
            TableName = dynamo.TableName,
            Key = LedgerItem.Key(previous),
            ConditionExpression = "#b = :b AND #ur <= :maxr AND #ut <= :maxt",
            UpdateExpression = "ADD #ur :r, #ut :t, #p :p",
            ExpressionAttributeNames = new() { ["#b"] = "b", ["#ur"] = "ur", ["#ut"] = "ut", ["#p"] = LedgerItem.Pair(Bucket) },
            ExpressionAttributeValues = Admit(previous).ExpressionAttributeValues,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        previousAdmission.ExpressionAttributeValues[":b"] = LedgerItem.Number(Bucket);

        var bare = CounterWrites.Add(dynamo.TableName, "parts#counter", condition: false);
        var limited = CounterWrites.Add(dynamo.TableName, "parts#limited", condition: true);
        var bareOnItem = CounterWrites.Add(dynamo.TableName, quiet, condition: false);
        var addsOnly = AddsOnly(quiet, bucketCondition: false);
        var bucketOnly = AddsOnly(quiet, bucketCondition: true);
        var rows = new (string Name, Func<Task> Call, Latencies Latencies)[]
        {
            ("bare ADD on a counter (baseline)", () => dynamo.Client.UpdateItemAsync(bare), new()),
            ("conditional ADD on a counter (least exact limiter)", () => dynamo.Client.UpdateItemAsync(limited), new()),
            ("bare ADD on a ledger item", () => dynamo.Client.UpdateItemAsync(bareOnItem), new()),
            ("the admission's 3 ADDs, no condition", () => dynamo.Client.UpdateItemAsync(addsOnly), new()),
            ("3 ADDs, condition on the bucket only", () => dynamo.Client.UpdateItemAsync(bucketOnly), new()),
            ("previous admission (3 terms, name placeholders)", () => dynamo.Client.UpdateItemAsync(previousAdmission), new()),
            ("admission request (2 terms, 3 ADDs)", () => dynamo.Client.UpdateItemAsync(Admit(quiet)), new()),
            ("the same through DynamoDbQuotaStore", async () => await store.AdmitAsync(quiet, admission, default), new()),
            ("the same on an item with a busy ring", async () => await store.AdmitAsync(busy, admission, default), new()),
        };

        for (var i = -Warmup; i < n; i++)
        {
            // Rotate the order so no row always runs right after another.
            for (var j = 0; j < rows.Length; j++)
            {
                var (_, call, latencies) = rows[(i + Warmup + j) % rows.Length];
                if (i < 0)
                {
                    await call();
                }
                else
                {
                    await latencies.TimeAsync(async () => { await call(); return true; });
                }
            }
        }

        var baseline = rows[0].Latencies;
        Console.WriteLine($"{"",-52} {"p50",9} {"p99",9} {"p50 ratio",10}");
        foreach (var (name, _, latencies) in rows)
        {
            Console.WriteLine($"{name,-52} {latencies.P50,6:N3} ms {latencies.P99,6:N3} ms {latencies.P50 / baseline.P50,10:N2}");
        }

        Console.WriteLine();
        await ClientSideAsync(admission);
    }

    /// <summary>The client's share: the AWS SDK (signing, marshalling, its pipeline) and the store, with no server.</summary>
    private static async Task ClientSideAsync(AdmitUpdate admission)
    {
        const int Calls = 50_000;
        using var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("bench", "bench"),
            new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0, HttpClientFactory = new AnsweringFactory() });
        var store = new DynamoDbQuotaStore(client, new DynamoDbQuotaStoreOptions { TableName = "parts" }, TimeProvider.System, new Random(1));
        var bare = CounterWrites.Add("parts", "parts#counter", condition: false);
        var ledger = new QuotaLedger(store, new QuotaLedgerOptions
        {
            Models = new Dictionary<string, ModelQuota> { ["m"] = new() { RequestsPerMinute = 1_000_000_000, TokensPerMinute = 1_000_000_000_000 } },
        }, TimeProvider.System, new Random(2));
        var quotaRequest = new QuotaRequest("m", InputTokens: 200, MaxOutputTokens: 20);
        var rows = new (string Name, Func<Task> Call)[]
        {
            ("AWS SDK UpdateItem, bare ADD", () => client.UpdateItemAsync(bare)),
            ("AWS SDK UpdateItem, the admission request", () => client.UpdateItemAsync(LedgerRequests.Admit("parts", "parts#item", admission, returnItem: false))),
            ("DynamoDbQuotaStore.AdmitAsync", async () => await store.AdmitAsync("parts#item", admission, default)),
            ("QuotaLedger.TryReserveAsync on that store", async () => await ledger.TryReserveAsync(quotaRequest, default)),
        };
        Console.WriteLine($"Client side only (an HTTP handler that answers at once), mean of {Calls:N0} calls, best of 3 rounds:");
        var best = new double[rows.Length];
        Array.Fill(best, double.MaxValue);
        for (var round = 0; round < 4; round++)
        {
            for (var j = 0; j < rows.Length; j++)
            {
                var started = Stopwatch.GetTimestamp();
                for (var k = 0; k < Calls; k++)
                {
                    await rows[j].Call();
                }

                // Round 0 warms up.
                var mean = Stopwatch.GetElapsedTime(started).TotalMicroseconds / Calls;
                best[j] = round == 0 ? best[j] : Math.Min(best[j], mean);
            }
        }

        for (var j = 0; j < rows.Length; j++)
        {
            Console.WriteLine($"  {rows[j].Name,-50} {best[j],7:N1} µs");
        }

    }

    private static AdmitUpdate Admission(LedgerGeometry geometry)
        => new(Bucket, geometry.Slot(Bucket), 1, 300, 1_000_000_000_000, 1_000_000_000_000, 10, geometry.LeaseSlot(11), 0, long.MaxValue);

    /// <summary>
    /// A ledger item whose bucket never moves; its ring slots hold about the given usage, varying by a quarter from
    /// slot to slot as real traffic does (a ring of equal slots would be written as differences, far smaller).
    /// </summary>
    private static async Task<string> PutItemAsync(DynamoDbQuotaStore store, LedgerGeometry geometry, string key, long slotRequests, long slotTokens)
    {
        var state = geometry.Empty(Bucket, 10, withLeaseRing: false);
        var random = new Random(23);
        for (var i = 0; i < state.RequestSlots.Length; i++)
        {
            state.RequestSlots[i] = slotRequests == 0 ? 0 : slotRequests - (slotRequests / 4) + random.NextInt64((slotRequests / 2) + 1);
            state.TokenSlots[i] = slotTokens == 0 ? 0 : slotTokens - (slotTokens / 4) + random.NextInt64((slotTokens / 2) + 1);
        }

        state.UsedRequests = state.RequestSlots.Sum();
        state.UsedTokens = state.TokenSlots.Sum();
        state.Version = 1;
        state.ExpiresAtEpochSeconds = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        await store.ReplaceAsync(key, new ReplaceUpdate(null, state), default);
        return key;
    }

    private sealed class AnsweringFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new AnsweringHandler());
    }

    /// <summary>Reads the request and answers an empty UpdateItem result, asynchronously as a socket would.</summary>
    private sealed class AnsweringHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }

            await Task.Yield();
            var content = new ByteArrayContent("{}"u8.ToArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }
    }
}
