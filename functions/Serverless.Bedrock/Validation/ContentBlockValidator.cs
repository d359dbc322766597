using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Validation;

/// <summary>Checks one message content block: a union with exactly one member, and that member's required parts.</summary>
internal static class ContentBlockValidator
{
    public static void Validate(ContentBlock block, string path)
    {
        Check.Required(block, path);
        var known = new object?[]
        {
            block.Text, block.Image, block.Document, block.Video, block.Audio, block.ToolUse, block.ToolResult,
            block.GuardContent, block.CachePoint, block.ReasoningContent, block.CitationsContent, block.SearchResult,
            block.ToolAddition, block.ToolRemoval,
        };
        // A member this client does not know (kept in AdditionalProperties) also counts as the one member.
        if (known.Count(m => m is not null) + (block.AdditionalProperties?.Count ?? 0) != 1)
        {
            Check.ExactlyOne(path, known);
        }

        if (block.Image is { } image)
        {
            Check.OneOf(image.Format, $"{path}.image.format", "png", "jpeg", "gif", "webp");
            Source(image.Source?.Bytes, image.Source?.S3Location, $"{path}.image.source");
        }

        if (block.Document is { } document)
        {
            Check.Required(document.Name, $"{path}.document.name");
            Check.Length(document.Name, $"{path}.document.name", 1, 200);
            Check.Required(document.Source, $"{path}.document.source");
            Check.ExactlyOne($"{path}.document.source", document.Source.Bytes, document.Source.S3Location, document.Source.Text, document.Source.Content);
            if (document.Source.S3Location is { } s3)
            {
                Check.S3Uri(s3.Uri, $"{path}.document.source.s3Location.uri");
            }
        }

        if (block.Video is { } video)
        {
            Check.Required(video.Format, $"{path}.video.format");
            Source(video.Source?.Bytes, video.Source?.S3Location, $"{path}.video.source");
        }

        if (block.Audio is { } audio)
        {
            Check.Required(audio.Format, $"{path}.audio.format");
            Source(audio.Source?.Bytes, audio.Source?.S3Location, $"{path}.audio.source");
        }

        if (block.ToolUse is { } toolUse)
        {
            Check.Matches(toolUse.ToolUseId ?? "", $"{path}.toolUse.toolUseId", Patterns.ToolUseId(), "1-64 characters of [a-zA-Z0-9_.:-]");
            Check.Matches(toolUse.Name ?? "", $"{path}.toolUse.name", Patterns.ToolName(), "1-64 characters of [a-zA-Z0-9_-]");
            Check.Document(toolUse.Input, $"{path}.toolUse.input");
        }

        if (block.ToolResult is { } toolResult)
        {
            Check.Matches(toolResult.ToolUseId ?? "", $"{path}.toolResult.toolUseId", Patterns.ToolUseId(), "1-64 characters of [a-zA-Z0-9_.:-]");
            Check.Required(toolResult.Content, $"{path}.toolResult.content");
            Check.OneOf(toolResult.Status, $"{path}.toolResult.status", "success", "error");
        }

        if (block.CachePoint is { } cachePoint)
        {
            Check.OneOf(cachePoint.Type, $"{path}.cachePoint.type", "default");
            Check.OneOf(cachePoint.Ttl, $"{path}.cachePoint.ttl", "5m", "1h");
        }
    }

    private static void Source(byte[]? bytes, S3Location? s3, string path)
    {
        Check.ExactlyOne(path, bytes, s3);
        if (bytes is { Length: 0 })
        {
            throw Check.Fail($"{path}.bytes", "must not be empty");
        }

        if (s3 is not null)
        {
            Check.S3Uri(s3.Uri, $"{path}.s3Location.uri");
        }
    }
}
