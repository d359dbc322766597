namespace Serverless.Schemas;

/// <summary>How a schema is compiled and how validation reports.</summary>
public sealed class JsonSchemaOptions
{
    /// <summary>
    /// Check the formats date-time, date, email, uuid and uri instead of treating <c>format</c> as an annotation (the
    /// 2020-12 default). Other format names stay annotations.
    /// </summary>
    public bool AssertFormat { get; set; }

    /// <summary>Validation stops after this many errors (they are fed back to a model, which needs the first few, not all). Default 10.</summary>
    public int MaxErrors { get; set; } = 10;

    /// <summary>The longest one <c>pattern</c> match may run (a caller's regex must not hang a request). Default 100 ms.</summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Nested $ref evaluations deeper than this fail (a reference cycle that never descends into the instance). Default 256.</summary>
    public int MaxReferenceDepth { get; set; } = 256;

    internal void Validate()
    {
        if (MaxErrors < 1)
        {
            throw new ArgumentException($"JsonSchemaOptions.MaxErrors must be positive (was {MaxErrors}).", nameof(MaxErrors));
        }

        if (RegexTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"JsonSchemaOptions.RegexTimeout must be positive (was {RegexTimeout}).", nameof(RegexTimeout));
        }

        if (MaxReferenceDepth < 1)
        {
            throw new ArgumentException($"JsonSchemaOptions.MaxReferenceDepth must be positive (was {MaxReferenceDepth}).", nameof(MaxReferenceDepth));
        }
    }
}
