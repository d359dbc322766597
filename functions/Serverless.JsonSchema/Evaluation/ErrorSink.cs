namespace Serverless.Schemas.Evaluation;

/// <summary>Collects validation errors up to a cap; once full, evaluation stops early.</summary>
internal sealed class ErrorSink(int maxErrors)
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    public bool Full => _errors.Count >= maxErrors;

    /// <summary>Set when the cap was reached: errors beyond it were not looked for.</summary>
    public bool Truncated => Full;

    public void Add(InstancePath instance, string keywordLocation, string message)
    {
        if (!Full)
        {
            _errors.Add(new ValidationError(instance.ToPointer(), keywordLocation, $"{instance.ToDisplay()}: {message}"));
        }
    }
}
