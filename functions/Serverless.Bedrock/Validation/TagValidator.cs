using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Validation;

internal static class TagValidator
{
    public static void Validate(List<Tag>? tags)
    {
        Check.Count(tags, "tags", 0, 200);
        for (var i = 0; i < (tags?.Count ?? 0); i++)
        {
            var tag = tags![i];
            Check.Required(tag, $"tags[{i}]");
            Check.Required(tag.Key, $"tags[{i}].key");
            Check.Length(tag.Key, $"tags[{i}].key", 1, 128);
            Check.Required((object?)tag.Value, $"tags[{i}].value");
            Check.Length(tag.Value, $"tags[{i}].value", 0, 256);
        }
    }
}
