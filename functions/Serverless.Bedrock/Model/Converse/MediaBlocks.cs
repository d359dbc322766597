namespace Serverless.Bedrock.Model;

public sealed class ImageBlock
{
    /// <summary>png, jpeg, gif or webp.</summary>
    public string Format { get; set; } = "";

    public ImageSource Source { get; set; } = new();

    public ErrorBlock? Error { get; set; }
}

/// <summary>Union: <see cref="Bytes"/> or <see cref="S3Location"/>.</summary>
public sealed class ImageSource
{
    public byte[]? Bytes { get; set; }

    public S3Location? S3Location { get; set; }
}

public sealed class VideoBlock
{
    public string Format { get; set; } = "";

    public VideoSource Source { get; set; } = new();
}

/// <summary>Union: <see cref="Bytes"/> or <see cref="S3Location"/>.</summary>
public sealed class VideoSource
{
    public byte[]? Bytes { get; set; }

    public S3Location? S3Location { get; set; }
}

public sealed class AudioBlock
{
    public string Format { get; set; } = "";

    public AudioSource Source { get; set; } = new();

    public ErrorBlock? Error { get; set; }
}

/// <summary>Union: <see cref="Bytes"/> or <see cref="S3Location"/>.</summary>
public sealed class AudioSource
{
    public byte[]? Bytes { get; set; }

    public S3Location? S3Location { get; set; }
}

public sealed class S3Location
{
    /// <summary>An <c>s3://bucket/key</c> URI.</summary>
    public string Uri { get; set; } = "";

    public string? BucketOwner { get; set; }
}

public sealed class ErrorBlock
{
    public string? Message { get; set; }
}
