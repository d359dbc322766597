namespace Serverless.Bedrock.Model;

public sealed class CitationsContentBlock
{
    public List<CitationGeneratedContent>? Content { get; set; }

    public List<Citation>? Citations { get; set; }
}

public sealed class CitationGeneratedContent
{
    public string? Text { get; set; }
}

public sealed class Citation
{
    public string? Title { get; set; }

    public string? Source { get; set; }

    public List<CitationSourceContent>? SourceContent { get; set; }

    public CitationLocation? Location { get; set; }
}

public sealed class CitationSourceContent
{
    public string? Text { get; set; }
}

/// <summary>Union: where in the source a citation points.</summary>
public sealed class CitationLocation
{
    public WebLocation? Web { get; set; }

    public DocumentCharLocation? DocumentChar { get; set; }

    public DocumentPageLocation? DocumentPage { get; set; }

    public DocumentChunkLocation? DocumentChunk { get; set; }

    public SearchResultLocation? SearchResultLocation { get; set; }
}

public sealed class WebLocation
{
    public string? Url { get; set; }

    public string? Domain { get; set; }
}

public sealed class DocumentCharLocation
{
    public int? DocumentIndex { get; set; }

    public int? Start { get; set; }

    public int? End { get; set; }
}

public sealed class DocumentPageLocation
{
    public int? DocumentIndex { get; set; }

    public int? Start { get; set; }

    public int? End { get; set; }
}

public sealed class DocumentChunkLocation
{
    public int? DocumentIndex { get; set; }

    public int? Start { get; set; }

    public int? End { get; set; }
}

public sealed class SearchResultLocation
{
    public int? SearchResultIndex { get; set; }

    public int? Start { get; set; }

    public int? End { get; set; }
}
