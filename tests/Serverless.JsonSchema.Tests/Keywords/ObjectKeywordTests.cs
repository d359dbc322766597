namespace Serverless.Schemas.Tests.Keywords;

/// <summary>properties, required, additionalProperties, patternProperties, min/maxProperties, dependentRequired, dependentSchemas, propertyNames.</summary>
public sealed class ObjectKeywordTests
{
    private const string Person = """
        {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}},
         "required":["name","age"],"additionalProperties":false}
        """;

    [Theory]
    [InlineData("""{"name":"Ada","age":36}""", true)]
    [InlineData("""{"name":"Ada"}""", false)]
    [InlineData("""{"name":"Ada","age":36,"email":"a@b.c"}""", false)]
    [InlineData("""{"name":5,"age":36}""", false)]
    [InlineData("""{"name":"Ada","age":-1}""", false)]
    [InlineData("[]", false)]
    public void PersonSchema(string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(Person, instance));

    [Fact]
    public void EveryProblemIsReportedWithItsLocationAndKeyword()
    {
        var errors = Schema.Validate(Person, """{"age":-3,"extra":true}""").Errors;

        Assert.Equal(
            [
                ("", "/required", "/: missing required property \"name\""),
                ("/age", "/properties/age/minimum", "/age: -3 is less than the minimum 0"),
                ("", "/additionalProperties", "/: property \"extra\" is not allowed; allowed: \"name\", \"age\""),
            ],
            errors.Select(e => (e.InstanceLocation, e.KeywordLocation, e.Message)));
    }

    [Theory]
    [InlineData("""{"additionalProperties":{"type":"number"}}""", """{"a":1,"b":2.5}""", true)]
    [InlineData("""{"additionalProperties":{"type":"number"}}""", """{"a":"x"}""", false)]
    [InlineData("""{"properties":{"a":{}},"additionalProperties":false}""", """{"a":"anything"}""", true)]
    [InlineData("""{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"x-trace":"t"}""", true)]
    [InlineData("""{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"x-trace":1}""", false)]
    [InlineData("""{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"trace":"t"}""", false)]
    [InlineData("""{"patternProperties":{"a":{"minimum":2},"b":{"maximum":5}}}""", """{"ab":3}""", true)]
    [InlineData("""{"patternProperties":{"a":{"minimum":2},"b":{"maximum":5}}}""", """{"ab":6}""", false)]
    [InlineData("""{"properties":{"n":{"type":"integer"}}}""", "\"not an object\"", true)]
    [InlineData("""{"required":["a"]}""", "[1]", true)]
    [InlineData("""{"minProperties":1}""", "{}", false)]
    [InlineData("""{"minProperties":1}""", """{"a":1}""", true)]
    [InlineData("""{"maxProperties":1}""", """{"a":1,"b":2}""", false)]
    [InlineData("""{"maxProperties":1}""", "[1,2,3]", true)]
    [InlineData("""{"dependentRequired":{"card":["billing"]}}""", """{"card":1,"billing":2}""", true)]
    [InlineData("""{"dependentRequired":{"card":["billing"]}}""", """{"card":1}""", false)]
    [InlineData("""{"dependentRequired":{"card":["billing"]}}""", """{"billing":2}""", true)]
    [InlineData("""{"dependentSchemas":{"card":{"required":["cvv"]}}}""", """{"card":1}""", false)]
    [InlineData("""{"dependentSchemas":{"card":{"required":["cvv"]}}}""", """{"card":1,"cvv":2}""", true)]
    [InlineData("""{"propertyNames":{"pattern":"^[a-z]+$"}}""", """{"abc":1}""", true)]
    [InlineData("""{"propertyNames":{"pattern":"^[a-z]+$"}}""", """{"aBc":1}""", false)]
    [InlineData("""{"propertyNames":{"maxLength":2}}""", """{"abc":1}""", false)]
    public void ObjectKeywords(string schema, string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Fact]
    public void ObjectMessagesAreShortAndSpecific()
    {
        Assert.Equal("""/: property "billing" is required when "card" is present""",
            Schema.SingleError("""{"dependentRequired":{"card":["billing"]}}""", """{"card":1}""").Message);
        Assert.Equal("/: has 0 properties; at least 1 required", Schema.SingleError("""{"minProperties":1}""", "{}").Message);
        Assert.Equal("""/: property name "aBc" does not match the propertyNames schema""",
            Schema.SingleError("""{"propertyNames":{"pattern":"^[a-z]+$"}}""", """{"aBc":1}""").Message);
    }

    [Fact]
    public void PropertyNamesWithSlashesAndTildesAreEscapedInLocations()
    {
        var error = Schema.SingleError("""{"properties":{"a/b~c":{"type":"string"}}}""", """{"a/b~c":1}""");

        Assert.Equal("/a~1b~0c", error.InstanceLocation);
        Assert.Equal("/properties/a~1b~0c/type", error.KeywordLocation);
    }
}
