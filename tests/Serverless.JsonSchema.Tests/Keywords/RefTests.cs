namespace Serverless.Schemas.Tests.Keywords;

/// <summary>$ref to local $defs / definitions / any pointer, with recursion, escapes, siblings (2020-12), and its limits.</summary>
public sealed class RefTests
{
    private const string Tree = """
        {"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["value"]}},
         "$ref":"#/$defs/node"}
        """;

    [Theory]
    [InlineData("""{"value":1,"children":[{"value":2,"children":[{"value":3}]}]}""", true)]
    [InlineData("""{"value":1,"children":[{"value":2,"children":[{"value":"3"}]}]}""", false)]
    [InlineData("""{"value":1,"children":[{"children":[]}]}""", false)]
    public void RecursiveReferencesValidateNestedData(string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(Tree, instance));

    [Fact]
    public void ErrorsThroughAReferenceLocateTheReferencedKeyword()
    {
        var error = Schema.SingleError(Tree, """{"value":1,"children":[{"value":2,"children":[{"value":"3"}]}]}""");

        Assert.Equal(("/children/0/children/0/value", "/$defs/node/properties/value/type"), (error.InstanceLocation, error.KeywordLocation));
    }

    [Theory]
    [InlineData("""{"definitions":{"pos":{"minimum":0}},"properties":{"n":{"$ref":"#/definitions/pos"}}}""", """{"n":-1}""", false)]
    [InlineData("""{"$defs":{"a/b":{"type":"string"},"c~d":{"type":"integer"}},"prefixItems":[{"$ref":"#/$defs/a~1b"},{"$ref":"#/$defs/c~0d"}]}""", """["x",1]""", true)]
    [InlineData("""{"$defs":{"a/b":{"type":"string"},"c~d":{"type":"integer"}},"prefixItems":[{"$ref":"#/$defs/a~1b"},{"$ref":"#/$defs/c~0d"}]}""", """[1,"x"]""", false)]
    [InlineData("""{"$defs":{"a b":{"type":"string"}},"$ref":"#/$defs/a%20b"}""", "1", false)]
    [InlineData("""{"properties":{"a":{"type":"integer"},"b":{"$ref":"#/properties/a"}}}""", """{"b":"x"}""", false)]
    [InlineData("""{"prefixItems":[{"type":"integer"},{"$ref":"#/prefixItems/0"}]}""", """[1,"x"]""", false)]
    [InlineData("""{"properties":{"self":{"$ref":"#"}},"type":"object"}""", """{"self":{"self":{}}}""", true)]
    [InlineData("""{"properties":{"self":{"$ref":"#"}},"type":"object"}""", """{"self":{"self":1}}""", false)]
    [InlineData("""{"$id":"https://example.com/s","$defs":{"x":{"type":"string"}},"$ref":"https://example.com/s#/$defs/x"}""", "1", false)]
    [InlineData("""{"$defs":{"x":{"type":"string"}},"$ref":"#/$defs/x","maxLength":2}""", "\"abc\"", false)]
    [InlineData("""{"$defs":{"t":true,"f":false},"properties":{"a":{"$ref":"#/$defs/t"},"b":{"$ref":"#/$defs/f"}}}""", """{"a":1}""", true)]
    [InlineData("""{"$defs":{"t":true,"f":false},"properties":{"a":{"$ref":"#/$defs/t"},"b":{"$ref":"#/$defs/f"}}}""", """{"b":1}""", false)]
    public void LocalReferences(string schema, string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Fact]
    public void AReferenceCycleThatNeverReachesAValueFailsInsteadOfOverflowingTheStack()
    {
        var error = Schema.SingleError("""{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""", "1");

        Assert.Contains("nests too deeply", error.Message, StringComparison.Ordinal);
    }
}
