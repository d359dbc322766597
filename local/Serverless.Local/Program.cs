using System.Runtime.InteropServices;
using Serverless.Local;

// ./run.sh local: the local Bedrock, the quota ledger and the functions behind the API routes, served until Ctrl+C.
// ./run.sh local --demo: the same, one call per route, then the Bedrock-level demo, then exit.
if (LocalArguments.Parse(args, out var error) is not { } arguments)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(LocalArguments.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
// Ctrl+C, and SIGTERM (docker stop, kill): the embedded web hosts would otherwise take the signal for themselves.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

if (arguments.Demo)
{
    return await LocalDemo.RunAsync(Console.Out, arguments.TimeScale, arguments.Seed, cancel.Token);
}

return await LocalServe.RunAsync(Console.Out, arguments, cancel.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
