namespace Serverless.LocalBedrock.Configuration;

/// <summary>
/// Everything the local Bedrock needs to behave like the service: the models it knows, how it generates text,
/// how slow it is, which faults it injects and whether it checks signatures. Loaded from the embedded
/// <c>local-bedrock.defaults.json</c>, deep-merged with an optional override file (see docs/local-bedrock.md).
/// The server reads these objects on every request, so a test may change them while the server runs.
/// </summary>
public sealed class LocalBedrockSettings
{
    /// <summary>Seed for every deterministic choice (generated text, fault dice, stream padding).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Multiplies every modelled latency; 0 turns latency off, 1 is the configured speed.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Bodies larger than this are refused with a ValidationException (Bedrock caps InvokeModel bodies at 25,000,000 bytes).</summary>
    public int MaxRequestBodyBytes { get; set; } = 25_000_000;

    public GenerationSettings Generation { get; set; } = new();

    /// <summary>Known models keyed by base model id. Each model's inference profiles are listed on the model.</summary>
    public Dictionary<string, ModelSettings> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Faults per operation name (InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream, CountTokens) or "*" for all.</summary>
    public Dictionary<string, FaultSettings> Faults { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When set, every runtime request must carry a valid SigV4 signature made with these credentials.</summary>
    public AuthSettings? Auth { get; set; }

    /// <summary>Batch jobs and async invoke: limits, phase durations, their own time scale, faults.</summary>
    public Jobs.LocalJobsOptions Jobs { get; set; } = new();
}

/// <summary>How the text of a response is produced.</summary>
public sealed class GenerationSettings
{
    public const string SeededMode = "seeded";
    public const string EchoMode = "echo";
    public const string ScriptedMode = "scripted";

    /// <summary><c>seeded</c>, <c>echo</c> or <c>scripted</c>.</summary>
    public string Mode { get; set; } = SeededMode;

    /// <summary>JSONL file of <c>{"prompt","response","match"?}</c> lines for the scripted mode (relative paths resolve against the config file's folder).</summary>
    public string? ScriptFile { get; set; }

    /// <summary>Fewest words a seeded answer has.</summary>
    public int MinWords { get; set; } = 8;

    /// <summary>Most words a seeded answer has.</summary>
    public int MaxWords { get; set; } = 60;
}

/// <summary>One base model: its body format, limits, quotas and speed.</summary>
public sealed class ModelSettings
{
    /// <summary>InvokeModel body format: <c>anthropic</c>, <c>nova</c>, <c>titan-text</c> or <c>llama</c>.</summary>
    public string Format { get; set; } = ModelFormats.Anthropic;

    /// <summary>Inference profile ids (e.g. <c>us.anthropic...</c>, <c>global.anthropic...</c>) that route to this model; each has its own quota counters, as cross-Region quotas are separate in Bedrock.</summary>
    public List<string> InferenceProfiles { get; set; } = [];

    /// <summary>Name the Anthropic format reports in the response's <c>model</c> member.</summary>
    public string? ResponseModelName { get; set; }

    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>Output cap used when a request gives none (also what the quota reserves then).</summary>
    public int DefaultMaxTokens { get; set; } = 4096;

    public int ContextWindow { get; set; } = 200_000;

    public bool SupportsStructuredOutput { get; set; }

    public bool SupportsToolUse { get; set; } = true;

    /// <summary>How many quota tokens one output token burns (5 for the newest Claude models, 1 for the rest).</summary>
    public int OutputTokenBurndown { get; set; } = 1;

    public QuotaSettings Quota { get; set; } = new();

    public LatencySettings Latency { get; set; } = new();
}

/// <summary>The body formats the InvokeModel family understands.</summary>
public static class ModelFormats
{
    public const string Anthropic = "anthropic";
    public const string Nova = "nova";
    public const string TitanText = "titan-text";
    public const string Llama = "llama";
}

/// <summary>Per-model quotas; null means unlimited.</summary>
public sealed class QuotaSettings
{
    public int? RequestsPerMinute { get; set; }

    public long? TokensPerMinute { get; set; }

    public int? ConcurrentRequests { get; set; }

    public long? TokensPerDay { get; set; }
}

/// <summary>How fast a model answers, before the global time scale.</summary>
public sealed class LatencySettings
{
    public int TimeToFirstTokenMs { get; set; } = 400;

    public double OutputTokensPerSecond { get; set; } = 80;
}

/// <summary>Faults injected into one operation.</summary>
public sealed class FaultSettings
{
    /// <summary>Probability (0..1) that a request fails with <see cref="ErrorKind"/>.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Which modelled error the error rate produces (see <c>RuntimeErrors</c>).</summary>
    public string ErrorKind { get; set; } = "InternalServerException";

    /// <summary>The next N requests are throttled (counts down as they arrive).</summary>
    public int ThrottleNextRequests { get; set; }

    /// <summary>Every request is throttled until this instant.</summary>
    public DateTimeOffset? ThrottleUntil { get; set; }

    /// <summary>Streams end after this many events.</summary>
    public int? StreamCutAfterEvents { get; set; }

    /// <summary><c>modelStreamErrorException</c>, <c>throttlingException</c> (an exception frame) or <c>abort</c> (the connection is dropped).</summary>
    public string StreamCutKind { get; set; } = StreamCutKinds.ModelStreamError;

    /// <summary>Delay before the response headers.</summary>
    public int SlowFirstByteMs { get; set; }
}

public static class StreamCutKinds
{
    public const string ModelStreamError = "modelStreamErrorException";
    public const string Throttling = "throttlingException";
    public const string Abort = "abort";
}

/// <summary>Test credentials the SigV4 verifier accepts.</summary>
public sealed class AuthSettings
{
    public string AccessKeyId { get; set; } = "";

    public string SecretAccessKey { get; set; } = "";

    /// <summary>Largest allowed difference between the request's X-Amz-Date and the server clock.</summary>
    public int MaxClockSkewMinutes { get; set; } = 15;
}
