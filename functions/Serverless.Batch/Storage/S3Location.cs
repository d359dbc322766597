namespace Serverless.Batch.Storage;

/// <summary>An <c>s3://bucket/key</c> address; the key may be empty or end in '/' (a prefix).</summary>
public readonly record struct S3Location(string Bucket, string Key)
{
    private const string Scheme = "s3://";

    public static bool TryParse(string? text, out S3Location location)
    {
        location = default;
        if (text is null || !text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.IsEmpty)
        {
            return false;
        }

        location = new S3Location(bucket.ToString(), slash < 0 ? "" : rest[(slash + 1)..].ToString());
        return true;
    }

    /// <summary>Parses <paramref name="text"/>; the error names <paramref name="field"/>.</summary>
    public static S3Location Parse(string? text, string field)
        => TryParse(text, out var location)
            ? location
            : throw new BatchInputException($"{field}: '{text}' is not an s3://bucket/key URI.");

    /// <summary>The last path segment (the file name).</summary>
    public string FileName => Key[(Key.LastIndexOf('/') + 1)..];

    /// <summary>True when this object lies under <paramref name="prefix"/> (same bucket, key starting with the prefix's).</summary>
    public bool IsUnder(S3Location prefix) => Bucket == prefix.Bucket && Key.StartsWith(prefix.Key, StringComparison.Ordinal);

    public S3Location Append(string relativePath)
    {
        var relative = relativePath.TrimStart('/');
        return Key.Length == 0 || Key.EndsWith('/') ? this with { Key = Key + relative } : this with { Key = Key + "/" + relative };
    }

    public override string ToString() => Scheme + Bucket + "/" + Key;
}
