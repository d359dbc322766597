namespace Serverless.Functions.Errors;

/// <summary>Thrown inside a function to stop with a given error; the function's error boundary turns it into the response.</summary>
public sealed class FunctionException(FunctionError error) : Exception(error.Message)
{
    public FunctionError Error { get; } = error;

    public static FunctionException BadRequest(string field, string problem) => new(FunctionError.BadRequest(field, problem));
}
