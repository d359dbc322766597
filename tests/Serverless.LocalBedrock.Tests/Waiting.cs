using Serverless.TestSupport;

namespace Serverless.LocalBedrock.Tests;

/// <summary>Waits (without sleeping) until the server has armed its delays on the manual clock.</summary>
internal static class Waiting
{
    public static Task ForTimersAsync(this ManualTimeProvider time, int count = 1) => time.WaitForPendingTimersAsync(count);
}
