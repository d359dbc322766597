namespace Serverless.Schemas;

/// <summary>A problem with the schema itself.</summary>
/// <param name="KeywordPath">JSON pointer to the offending keyword in the schema, e.g. <c>/properties/age/minimum</c>.</param>
/// <param name="Message">What is wrong, e.g. "must be a number".</param>
public sealed record SchemaError(string KeywordPath, string Message)
{
    public override string ToString() => $"{(KeywordPath.Length == 0 ? "/" : KeywordPath)}: {Message}";
}
