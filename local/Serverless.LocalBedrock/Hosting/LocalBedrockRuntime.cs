using System.Collections.Concurrent;
using Serverless.LocalBedrock.Auth;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Faults;
using Serverless.LocalBedrock.Generation;
using Serverless.LocalBedrock.Quotas;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>The state one local Bedrock shares across requests: settings, clock, generator, quota ledger, faults, verifier, counters.</summary>
public sealed class LocalBedrockRuntime
{
    private readonly ConcurrentDictionary<string, long> _responses = new(StringComparer.Ordinal);

    public LocalBedrockRuntime(LocalBedrockSettings settings, TimeProvider time)
    {
        Settings = settings;
        Time = time;
        Generator = new ResponseGenerator(settings);
        Quotas = new QuotaLedger(time);
        Faults = new FaultInjector(settings, time);
        Verifier = new SigV4Verifier(time);
    }

    public LocalBedrockSettings Settings { get; }

    public TimeProvider Time { get; }

    public ResponseGenerator Generator { get; }

    public QuotaLedger Quotas { get; }

    public FaultInjector Faults { get; }

    public SigV4Verifier Verifier { get; }

    /// <summary>Counts a finished request as "Operation:status".</summary>
    public void CountResponse(string operation, int statusCode)
        => _responses.AddOrUpdate($"{operation}:{statusCode}", 1, static (_, n) => n + 1);

    public LocalBedrockStats Stats() => new(
        Quotas.Snapshot(),
        new SortedDictionary<string, long>(_responses, StringComparer.Ordinal),
        Faults.Injected());
}

/// <summary>A snapshot of the server's counters: quota use per model id, responses per operation and status, faults injected.</summary>
public sealed record LocalBedrockStats(
    IReadOnlyDictionary<string, ModelQuotaStats> Models,
    IReadOnlyDictionary<string, long> Responses,
    IReadOnlyDictionary<string, long> FaultsInjected);
