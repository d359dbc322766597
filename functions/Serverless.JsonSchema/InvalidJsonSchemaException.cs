namespace Serverless.Schemas;

/// <summary>The schema is not valid JSON Schema (or uses what this validator does not support, such as a remote $ref).</summary>
public sealed class InvalidJsonSchemaException : Exception
{
    public InvalidJsonSchemaException(IReadOnlyList<SchemaError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Every problem found, each naming the keyword path.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    private static string Describe(IReadOnlyList<SchemaError> errors)
    {
        const int Shown = 5;
        var listed = string.Join("; ", errors.Take(Shown));
        var more = errors.Count > Shown ? $"; and {errors.Count - Shown} more" : string.Empty;
        return $"The schema is not valid JSON Schema: {listed}{more}.";
    }
}
