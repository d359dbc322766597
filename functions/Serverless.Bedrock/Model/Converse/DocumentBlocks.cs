namespace Serverless.Bedrock.Model;

public sealed class DocumentBlock
{
    /// <summary>pdf, csv, doc, docx, xls, xlsx, html, txt or md.</summary>
    public string? Format { get; set; }

    public string Name { get; set; } = "";

    public DocumentSource Source { get; set; } = new();

    public string? Context { get; set; }

    public CitationsConfig? Citations { get; set; }
}

/// <summary>Union: bytes, an S3 location, plain text or structured content.</summary>
public sealed class DocumentSource
{
    public byte[]? Bytes { get; set; }

    public S3Location? S3Location { get; set; }

    public string? Text { get; set; }

    public List<DocumentContentBlock>? Content { get; set; }
}

public sealed class DocumentContentBlock
{
    public string? Text { get; set; }
}

public sealed class CitationsConfig
{
    public bool Enabled { get; set; }
}

public sealed class SearchResultBlock
{
    public string Source { get; set; } = "";

    public string Title { get; set; } = "";

    public List<SearchResultContentBlock> Content { get; set; } = [];

    public CitationsConfig? Citations { get; set; }
}

public sealed class SearchResultContentBlock
{
    public string Text { get; set; } = "";
}
