namespace Serverless.Schemas.Tests.Keywords;

/// <summary>type, enum, const — including 2020-12's "1.0 is an integer" and JSON equality for enum/const.</summary>
public sealed class TypeAndValueTests
{
    [Theory]
    [InlineData("""{"type":"integer"}""", "1", true)]
    [InlineData("""{"type":"integer"}""", "1.0", true)]
    [InlineData("""{"type":"integer"}""", "-0.0", true)]
    [InlineData("""{"type":"integer"}""", "1e3", true)]
    [InlineData("""{"type":"integer"}""", "1e300", true)]
    [InlineData("""{"type":"integer"}""", "1.5", false)]
    [InlineData("""{"type":"integer"}""", "\"1\"", false)]
    [InlineData("""{"type":"number"}""", "1", true)]
    [InlineData("""{"type":"number"}""", "1.5", true)]
    [InlineData("""{"type":"number"}""", "null", false)]
    [InlineData("""{"type":"string"}""", "\"\"", true)]
    [InlineData("""{"type":"boolean"}""", "false", true)]
    [InlineData("""{"type":"boolean"}""", "0", false)]
    [InlineData("""{"type":"null"}""", "null", true)]
    [InlineData("""{"type":"null"}""", "false", false)]
    [InlineData("""{"type":"object"}""", "{}", true)]
    [InlineData("""{"type":"object"}""", "[]", false)]
    [InlineData("""{"type":"array"}""", "[]", true)]
    [InlineData("""{"type":["string","null"]}""", "null", true)]
    [InlineData("""{"type":["string","null"]}""", "\"x\"", true)]
    [InlineData("""{"type":["string","null"]}""", "1", false)]
    [InlineData("""{"type":["integer","boolean"]}""", "2.0", true)]
    public void TypeMatchesJsonSchemaSemantics(string schema, string instance, bool valid)
        => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Fact]
    public void TypeErrorsNameExpectedAndActual()
    {
        Assert.Equal("/: expected integer, got number 1.5", Schema.SingleError("""{"type":"integer"}""", "1.5").Message);
        Assert.Equal("/: expected one of [string, null], got object", Schema.SingleError("""{"type":["string","null"]}""", "{}").Message);
        Assert.Equal("/: expected string, got integer 3", Schema.SingleError("""{"type":"string"}""", "3").Message);
    }

    [Theory]
    [InlineData("""{"enum":["red","green"]}""", "\"red\"", true)]
    [InlineData("""{"enum":["red","green"]}""", "\"blue\"", false)]
    [InlineData("""{"enum":[1,2]}""", "1.0", true)]
    [InlineData("""{"enum":[{"a":1,"b":[1,2]}]}""", """{"b":[1,2.0],"a":1}""", true)]
    [InlineData("""{"enum":[{"a":1}]}""", """{"a":1,"b":2}""", false)]
    [InlineData("""{"enum":[[1,2]]}""", "[2,1]", false)]
    [InlineData("""{"enum":[null]}""", "null", true)]
    [InlineData("""{"enum":[false]}""", "0", false)]
    [InlineData("""{"enum":[]}""", "1", false)]
    [InlineData("""{"const":"fixed"}""", "\"fixed\"", true)]
    [InlineData("""{"const":"fixed"}""", "\"Fixed\"", false)]
    [InlineData("""{"const":2}""", "2.00", true)]
    [InlineData("""{"const":{"k":[true]}}""", """{"k":[true]}""", true)]
    [InlineData("""{"const":null}""", "0", false)]
    public void EnumAndConstUseJsonEquality(string schema, string instance, bool valid)
        => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Fact]
    public void EnumAndConstErrorsListTheAllowedValues()
    {
        Assert.Equal("""/color: "blue" is not one of the allowed values ["red", "green"]""",
            Schema.SingleError("""{"properties":{"color":{"enum":["red","green"]}}}""", """{"color":"blue"}""").Message);
        Assert.Equal("""/: must be exactly "v1" (was "v2")""", Schema.SingleError("""{"const":"v1"}""", "\"v2\"").Message);
    }
}
