using System.Diagnostics;
using System.Globalization;
using Serverless.Bench.Quota;
using Serverless.TestSupport;

namespace Serverless.Bench.Lambda;

/// <summary>
/// Cold start of the Lambda executable per deploy mode: process start → the first GET /runtime/invocation/next at a
/// local Runtime API, and the process's RSS once it has answered one invocation and waits for the next.
/// <c>lambda-startup [starts per mode] [artifacts dir]</c>; publish first with bench/publish-function-modes.sh.
/// Starts alternate between modes so a busy spell on the machine hits every mode alike.
/// </summary>
public static class LambdaStartupRun
{
    private const string Function = "ping";
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(string[] args)
    {
        var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var artifacts = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(RepoPaths.Root, "artifacts", "lambda"));
        var modes = DeployMode.Names.Select(name => DeployMode.For(name, artifacts)).Where(m => File.Exists(m.EntryFile)).ToList();
        if (modes.Count == 0)
        {
            Console.Error.WriteLine($"No published modes under {artifacts}: run bench/publish-function-modes.sh first.");
            return;
        }

        Console.WriteLine($"Lambda executable cold start: {starts} starts per mode, {Environment.ProcessorCount} cores, load average before: {LoadAverage()}");
        await using var api = await LocalRuntimeApi.StartAsync();
        // The first request a fresh Kestrel serves pays its own JIT: warm the server with one unrecorded start.
        await StartOnceAsync(api, modes[0]);

        var samples = modes.ToDictionary(m => m.Name, _ => (StartToNext: new Latencies(), CpuMs: new Latencies(), RssMb: new Latencies()));
        for (var i = 0; i < starts; i++)
        {
            foreach (var mode in modes)
            {
                var (startToNext, cpuMs, rssMb) = await StartOnceAsync(api, mode);
                samples[mode.Name].StartToNext.Add(startToNext);
                samples[mode.Name].CpuMs.Add(cpuMs);
                samples[mode.Name].RssMb.Add(rssMb);
            }
        }

        var jit = samples.TryGetValue("jit", out var baseline) ? baseline.StartToNext.P50 : double.NaN;
        Console.WriteLine($"load average after: {LoadAverage()}");
        Console.WriteLine();
        var jitCpu = samples.TryGetValue("jit", out var cpuBaseline) ? cpuBaseline.CpuMs.P50 : double.NaN;
        Console.WriteLine("| mode | start → first /next p50 | p90 | min | p50 vs plain JIT | CPU to first /next p50 | CPU vs plain JIT | idle RSS p50 after 1 invocation | package (no symbols) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in modes)
        {
            var (startToNext, cpu, rss) = samples[mode.Name];
            Console.WriteLine(
                $"| {mode.Name} | {startToNext.P50:N1} ms | {startToNext.Percentile(0.9):N1} ms | {startToNext.Percentile(0):N1} ms | {startToNext.P50 / jit:N2} | " +
                $"{cpu.P50:N1} ms | {cpu.P50 / jitCpu:N2} | {rss.P50:N1} MB | {mode.PackageBytes() / 1024.0 / 1024.0:N1} MB |");
        }
    }

    private static async Task<(double StartToNextMs, double CpuMs, double RssMb)> StartOnceAsync(LocalRuntimeApi api, DeployMode mode)
    {
        using var bound = new CancellationTokenSource(StartBound);
        var before = api.NextRequestCount;
        using var process = new Process { StartInfo = mode.StartInfo(api.Endpoint, Function) };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        var started = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await api.WaitForNextRequestsAsync(before + 1, bound.Token);
            var firstNext = api.NextRequestTimestamps.ElementAt(before);
            // CPU time is what a busy machine cannot inflate: the process is blocked in its first /next now.
            var cpuMs = ReadCpuMs(process.Id);
            var outcome = await api.Enqueue("{}"u8.ToArray()).Outcome.WaitAsync(bound.Token);
            if (outcome.Kind != InvocationOutcomeKind.Response || !outcome.BodyText.Contains("\"ok\":true", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{mode.Name}: ping answered {outcome.Kind}: {outcome.BodyText}");
            }

            // Back in the long poll: the process is idle, as a warm Lambda environment between invocations.
            await api.WaitForNextRequestsAsync(before + 2, bound.Token);
            return (Stopwatch.GetElapsedTime(started, firstNext).TotalMilliseconds, cpuMs, ReadRssMb(process.Id));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>CPU time of every thread so far (the first field of /proc/&lt;pid&gt;/task/*/schedstat, nanoseconds on a CPU).</summary>
    private static double ReadCpuMs(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Sum(task => TryReadLong(Path.Combine(task, "schedstat"))) / 1_000_000.0;

    private static long TryReadLong(string schedstat)
    {
        try
        {
            return long.Parse(File.ReadAllText(schedstat).Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // a thread that ended between listing and reading
        }
    }

    private static double ReadRssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
