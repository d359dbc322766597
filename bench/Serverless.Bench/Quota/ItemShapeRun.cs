using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Bench.Quota;

/// <summary>
/// Why the ledger item looks as it does (docs/quota-ledger-table.md): what one conditional UpdateItem costs DynamoDB
/// Local depending on what the item holds, beside a bare ADD on a counter, interleaved in one run. The same update (a
/// condition on three numbers, four ADDs, no returned item) runs against items that differ only in attributes it never
/// touches. <c>quota-item-shapes [calls per row]</c>.
/// </summary>
public static class ItemShapeRun
{
    private const int Warmup = 2_000;

    public static async Task RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3_000;
        Console.WriteLine($"Conditional UpdateItem against DynamoDB Local by item shape: {n:N0} calls per row after {Warmup:N0} warm-up, one caller, {Environment.ProcessorCount} cores");
        await using var dynamo = await DynamoDbLocalBench.StartAsync();

        var shapes = new (string Name, Dictionary<string, AttributeValue> Extra)[]
        {
            ("8 numbers", []),
            ("+ one 700-character string", new() { ["rg"] = new() { S = new string('7', 700) } }),
            ("+ two lists of 61 numbers", new() { ["rs"] = List(61, 17), ["ts"] = List(61, 3_456) }),
            ("+ 122 number attributes", Enumerable.Range(0, 122).ToDictionary(i => "s" + i.ToString(CultureInfo.InvariantCulture), _ => Number(3_456))),
            ("+ a map of 122 numbers", new() { ["rg"] = new() { M = Enumerable.Range(0, 122).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), _ => Number(3_456)) } }),
        };

        var rows = new List<(string Name, UpdateItemRequest Request, Latencies Latencies)>
        {
            ("bare UpdateItem, ADD on a counter (baseline)", new UpdateItemRequest
            {
                TableName = dynamo.TableName,
                Key = new() { ["pk"] = new() { S = "bare" } },
                UpdateExpression = "ADD #c :one",
                ExpressionAttributeNames = new() { ["#c"] = "c" },
                ExpressionAttributeValues = new() { [":one"] = Number(1) },
            }, new Latencies()),
        };
        foreach (var (name, extra) in shapes)
        {
            var item = new Dictionary<string, AttributeValue>(extra)
            {
                ["pk"] = new() { S = name },
                ["v"] = Number(1),
                ["b"] = Number(100),
                ["ur"] = Number(1_000),
                ["ut"] = Number(100_000),
                ["r0"] = Number(10),
                ["t0"] = Number(1_000),
                ["ttl"] = Number(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()),
            };
            await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = dynamo.TableName, Item = item });
            rows.Add(($"conditional 4 ADDs, item: {name}", new UpdateItemRequest
            {
                TableName = dynamo.TableName,
                Key = new() { ["pk"] = new() { S = name } },
                ConditionExpression = "#b = :b AND #ur <= :maxr AND #ut <= :maxt",
                UpdateExpression = "ADD #ur :r, #ut :t, #pr :r, #pt :t",
                ExpressionAttributeNames = new() { ["#b"] = "b", ["#ur"] = "ur", ["#ut"] = "ut", ["#pr"] = "r0", ["#pt"] = "t0" },
                ExpressionAttributeValues = new() { [":b"] = Number(100), [":maxr"] = Number(long.MaxValue / 2), [":maxt"] = Number(long.MaxValue / 2), [":r"] = Number(1), [":t"] = Number(1) },
            }, new Latencies()));
        }

        for (var i = -Warmup; i < n; i++)
        {
            // Rotate the order so no row always runs right after another.
            for (var j = 0; j < rows.Count; j++)
            {
                var (_, request, latencies) = rows[(i + Warmup + j) % rows.Count];
                if (i < 0)
                {
                    await dynamo.Client.UpdateItemAsync(request);
                }
                else
                {
                    await latencies.TimeAsync(async () => await dynamo.Client.UpdateItemAsync(request));
                }
            }
        }

        var baseline = rows[0].Latencies;
        Console.WriteLine($"{"",-62} {"p50",9} {"p99",9} {"p50 ratio",10}");
        foreach (var (name, _, latencies) in rows)
        {
            Console.WriteLine($"{name,-62} {latencies.P50,6:N3} ms {latencies.P99,6:N3} ms {latencies.P50 / baseline.P50,10:N2}");
        }
    }

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue List(int count, long value) => new() { L = [.. Enumerable.Range(0, count).Select(_ => Number(value))] };
}
