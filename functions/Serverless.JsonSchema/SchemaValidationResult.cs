namespace Serverless.Schemas;

/// <summary>The outcome of <see cref="JsonSchema.Validate(System.Text.Json.JsonElement)"/>.</summary>
public sealed class SchemaValidationResult
{
    internal SchemaValidationResult(IReadOnlyList<ValidationError> errors, bool truncated)
    {
        Errors = errors;
        ErrorsTruncated = truncated;
    }

    public bool IsValid => Errors.Count == 0;

    /// <summary>The errors, in document order, at most <see cref="JsonSchemaOptions.MaxErrors"/>.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>True when validation stopped at <see cref="JsonSchemaOptions.MaxErrors"/>: there may be more.</summary>
    public bool ErrorsTruncated { get; }

    /// <summary>The errors one per line, for a model's repair prompt or an HTTP error body.</summary>
    public string Describe()
    {
        if (IsValid)
        {
            return "valid";
        }

        var lines = string.Join('\n', Errors.Select(e => e.Message));
        return ErrorsTruncated ? lines + "\n(further errors not shown)" : lines;
    }

    public override string ToString() => Describe();
}
