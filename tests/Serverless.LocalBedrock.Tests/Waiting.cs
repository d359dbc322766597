using System.Diagnostics;
using Serverless.TestSupport;

namespace Serverless.LocalBedrock.Tests;

/// <summary>Waits (without sleeping) until the server has armed its delays on the manual clock.</summary>
internal static class Waiting
{
    public static async Task ForTimersAsync(this ManualTimeProvider time, int count = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (time.PendingTimers < count)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"the server never armed {count} timer(s)");
            await Task.Yield();
        }
    }
}
