using System.Globalization;
using Serverless.Local;

// The main job, run locally on embedded defaults: ./run.sh local [--time-scale X] [--seed N]
// Starts a local Bedrock in this process and runs calls through the project's Bedrock client, printing what happened.
double? timeScale = null;
int? seed = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--time-scale" when i + 1 < args.Length: timeScale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--time-scale X] [--seed N]");
            return 2;
    }
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await LocalDemo.RunAsync(Console.Out, timeScale, seed, cancel.Token);
