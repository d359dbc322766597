using System.Text;

namespace Serverless.Functions.StepFunctions;

/// <summary>The service model's constraints on StartExecution, checked before anything is sent.</summary>
internal static class StartExecutionValidator
{
    /// <summary>Step Functions' payload limit for an execution's input (256 KiB of UTF-8).</summary>
    public const int MaxInputBytes = 262_144;

    public const int MaxNameLength = 80;

    public const int MaxArnLength = 256;

    public static void Validate(StartExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckArn("stateMachineArn", request.StateMachineArn);
        if (request.Name is { } name)
        {
            CheckName(name);
        }

        if (request.Input is { } input && Encoding.UTF8.GetByteCount(input) > MaxInputBytes)
        {
            throw Invalid("input", $"must be at most {MaxInputBytes} bytes of UTF-8 (was {Encoding.UTF8.GetByteCount(input)})");
        }

        if (request.TraceHeader is { } trace && (trace.Length > 256 || !Ascii.IsValid(trace)))
        {
            throw Invalid("traceHeader", "must be at most 256 ASCII characters");
        }
    }

    /// <summary>The Arn shape: required, 1 to 256 characters (DescribeExecution's executionArn shares it).</summary>
    public static void CheckArn(string member, string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw Invalid(member, "is required");
        }

        if (arn.Length > MaxArnLength)
        {
            throw Invalid(member, $"must have at most {MaxArnLength} characters (had {arn.Length})");
        }
    }

    private static void CheckName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            throw Invalid("name", $"must have 1 to {MaxNameLength} characters (had {name.Length})");
        }

        foreach (var c in name)
        {
            // The forbidden characters of the Name shape: white space, brackets, wildcards, specials, control characters.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is >= '\u007F' and <= '\u009F' or '\uFFFE' or '\uFFFF'
                || char.IsSurrogate(c) || "<>{}[]?*\"#%\\^|~`$&,;:/".Contains(c, StringComparison.Ordinal))
            {
                throw Invalid("name", $"must not contain white space, brackets, wildcards or any of \"#%\\^|~`$&,;:/ (found '{c}')");
            }
        }
    }

    private static ArgumentException Invalid(string member, string problem) => new($"{member}: {problem}", "request");
}
