namespace Serverless.Schemas;

/// <summary>Where and why an instance does not match.</summary>
/// <param name="InstanceLocation">JSON pointer into the instance (empty for the whole document), e.g. <c>/items/0/age</c>.</param>
/// <param name="KeywordLocation">JSON pointer to the failed keyword in the schema, e.g. <c>/properties/age/minimum</c>.</param>
/// <param name="Message">A short sentence that starts with the instance location, e.g. "/age: -3 is less than the minimum 0".</param>
public sealed record ValidationError(string InstanceLocation, string KeywordLocation, string Message)
{
    public override string ToString() => Message;
}
