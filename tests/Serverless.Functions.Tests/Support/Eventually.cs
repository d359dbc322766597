using System.Diagnostics;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// Waits (yielding, not sleeping) until something the server does after answering has happened, e.g. settling the
/// reservation of a request whose client went away. The real-time bound only catches code that never gets there.
/// </summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Not within 30 s: {what}");
            }

            await Task.Yield();
        }
    }
}
