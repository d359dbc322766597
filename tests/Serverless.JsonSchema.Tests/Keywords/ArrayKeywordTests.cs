namespace Serverless.Schemas.Tests.Keywords;

/// <summary>items, prefixItems (and the draft-07 tuple form), min/maxItems, uniqueItems, contains with min/maxContains.</summary>
public sealed class ArrayKeywordTests
{
    [Theory]
    [InlineData("""{"items":{"type":"integer"}}""", "[1,2,3]", true)]
    [InlineData("""{"items":{"type":"integer"}}""", "[1,\"2\"]", false)]
    [InlineData("""{"items":{"type":"integer"}}""", "{\"0\":\"x\"}", true)]
    [InlineData("""{"prefixItems":[{"type":"string"},{"type":"integer"}]}""", "[\"a\",1,null]", true)]
    [InlineData("""{"prefixItems":[{"type":"string"},{"type":"integer"}]}""", "[1]", false)]
    [InlineData("""{"prefixItems":[{"type":"string"}],"items":false}""", "[\"a\"]", true)]
    [InlineData("""{"prefixItems":[{"type":"string"}],"items":false}""", "[\"a\",\"b\"]", false)]
    [InlineData("""{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}""", "[\"a\",1,2]", true)]
    [InlineData("""{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}""", "[\"a\",1,\"b\"]", false)]
    [InlineData("""{"items":[{"type":"string"}],"additionalItems":false}""", "[\"a\",\"b\"]", false)]
    [InlineData("""{"items":[{"type":"string"}],"additionalItems":false}""", "[\"a\"]", true)]
    [InlineData("""{"minItems":1}""", "[]", false)]
    [InlineData("""{"minItems":1.0}""", "[0]", true)]
    [InlineData("""{"maxItems":2}""", "[1,2,3]", false)]
    [InlineData("""{"uniqueItems":true}""", "[1,2,3]", true)]
    [InlineData("""{"uniqueItems":true}""", "[1,2,1.0]", false)]
    [InlineData("""{"uniqueItems":true}""", """[{"a":1,"b":2},{"b":2,"a":1}]""", false)]
    [InlineData("""{"uniqueItems":true}""", "[[1],[\"1\"]]", true)]
    [InlineData("""{"uniqueItems":true}""", "[0,false]", true)]
    [InlineData("""{"uniqueItems":false}""", "[1,1]", true)]
    [InlineData("""{"contains":{"const":"x"}}""", "[\"a\",\"x\"]", true)]
    [InlineData("""{"contains":{"const":"x"}}""", "[\"a\"]", false)]
    [InlineData("""{"contains":{"const":"x"}}""", "[]", false)]
    [InlineData("""{"contains":{"const":"x"},"minContains":2}""", "[\"x\",\"a\",\"x\"]", true)]
    [InlineData("""{"contains":{"const":"x"},"minContains":2}""", "[\"x\"]", false)]
    [InlineData("""{"contains":{"const":"x"},"maxContains":1}""", "[\"x\",\"x\"]", false)]
    [InlineData("""{"contains":{"const":"x"},"minContains":0}""", "[]", true)]
    public void ArrayKeywords(string schema, string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Fact]
    public void ArrayMessagesNameCountsAndIndexes()
    {
        Assert.Equal("/tags: has 0 items; at least 1 required",
            Schema.SingleError("""{"properties":{"tags":{"minItems":1}}}""", """{"tags":[]}""").Message);
        Assert.Equal("/: items 0 and 2 are equal (1); items must be unique", Schema.SingleError("""{"uniqueItems":true}""", "[1,2,1]").Message);
        Assert.Equal("/: has 3 items; at most 1 allowed", Schema.SingleError("""{"prefixItems":[{}],"items":false}""", "[1,2,3]").Message);

        var item = Schema.SingleError("""{"items":{"type":"integer"}}""", "[1,2,\"three\"]");
        Assert.Equal(("/2", "/items/type"), (item.InstanceLocation, item.KeywordLocation));
    }
}
