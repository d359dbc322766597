using System.Security.Cryptography;
using System.Text;

namespace Serverless.Batch.Prepare;

/// <summary>Job names and idempotency tokens that satisfy CreateModelInvocationJob's patterns.</summary>
internal static class JobNaming
{
    /// <summary>[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}, at most 63 characters.</summary>
    public static string JobName(string runId, string shardId)
    {
        var builder = new StringBuilder(64);
        foreach (var c in runId + "-" + shardId)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '+' or '.' ? c : '-');
        }

        var name = builder.ToString().TrimStart('-', '+', '.');
        if (name.Length > 63)
        {
            // Keep the shard suffix (unique within the run) and as much of the run id as fits.
            var suffix = "-" + shardId;
            name = name[..(63 - suffix.Length)] + suffix;
        }

        return name.Length == 0 ? "batch-" + shardId : name;
    }

    /// <summary>The same run and shard always give the same token, so a retried create returns the job already made.</summary>
    public static string ClientRequestToken(string runId, string shardId)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId + "/" + shardId)));
}
