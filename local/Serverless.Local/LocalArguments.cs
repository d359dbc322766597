using System.Globalization;

namespace Serverless.Local;

/// <summary>The command line of <c>./run.sh local</c>.</summary>
internal sealed record LocalArguments
{
    public const string Usage =
        "Usage: ./run.sh local [--port N] [--bedrock-port N] [--time-scale X] [--seed N] [--dynamodb-endpoint URL] [--demo]\n" +
        "  --port N               the API on 127.0.0.1:N (default 4000; 0 = any free port)\n" +
        "  --bedrock-port N       the local Bedrock on 127.0.0.1:N (default 4010; 0 = any free port)\n" +
        "  --time-scale X         model latency multiplier of the local Bedrock (default 1; 0 = none)\n" +
        "  --seed N               seed of generated answers\n" +
        "  --dynamodb-endpoint U  quota ledger and conversations in DynamoDB at U (e.g. DynamoDB Local); tables are created if missing\n" +
        "  --demo                 call every route once through the host, run the Bedrock demo, and exit";

    public int Port { get; init; } = 4000;

    public int BedrockPort { get; init; } = 4010;

    public double? TimeScale { get; init; }

    public int? Seed { get; init; }

    public Uri? DynamoDbEndpoint { get; init; }

    public bool Demo { get; init; }

    /// <summary>The arguments, or null with the problem in <paramref name="error"/>.</summary>
    public static LocalArguments? Parse(string[] args, out string? error)
    {
        var result = new LocalArguments();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--port" when hasValue && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var port):
                    result = result with { Port = port };
                    i++;
                    break;
                case "--bedrock-port" when hasValue && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var bedrockPort):
                    result = result with { BedrockPort = bedrockPort };
                    i++;
                    break;
                case "--time-scale" when hasValue && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var scale):
                    result = result with { TimeScale = scale };
                    i++;
                    break;
                case "--seed" when hasValue && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var seed):
                    result = result with { Seed = seed };
                    i++;
                    break;
                case "--dynamodb-endpoint" when hasValue && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var endpoint):
                    result = result with { DynamoDbEndpoint = endpoint };
                    i++;
                    break;
                case "--demo":
                    result = result with { Demo = true };
                    break;
                default:
                    error = $"Unknown or incomplete argument '{args[i]}'.";
                    return null;
            }
        }

        return result;
    }
}
