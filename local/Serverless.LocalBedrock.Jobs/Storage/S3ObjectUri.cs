namespace Serverless.LocalBedrock.Jobs.Storage;

/// <summary>An <c>s3://bucket/key</c> address. The key may be empty (the bucket root) or end in '/' (a prefix).</summary>
public readonly record struct S3ObjectUri(string Bucket, string Key)
{
    private const string Scheme = "s3://";

    public static bool TryParse(string? text, out S3ObjectUri uri)
    {
        uri = default;
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

        uri = new S3ObjectUri(bucket.ToString(), slash < 0 ? string.Empty : rest[(slash + 1)..].ToString());
        return true;
    }

    public static S3ObjectUri Parse(string text)
        => TryParse(text, out var uri) ? uri : throw new FormatException($"'{text}' is not an s3://bucket/key URI.");

    /// <summary>The last path segment of the key (the file name), or the empty string for a prefix.</summary>
    public string FileName => Key[(Key.LastIndexOf('/') + 1)..];

    /// <summary>Appends a relative path, inserting exactly one '/' between the key and it.</summary>
    public S3ObjectUri Append(string relativePath)
    {
        var relative = relativePath.TrimStart('/');
        if (Key.Length == 0)
        {
            return this with { Key = relative };
        }

        return this with { Key = Key.EndsWith('/') ? Key + relative : Key + "/" + relative };
    }

    public override string ToString() => Scheme + Bucket + "/" + Key;
}
