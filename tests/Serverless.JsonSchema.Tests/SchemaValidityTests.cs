using System.Text.Json;

namespace Serverless.Schemas.Tests;

/// <summary>A schema that is not valid JSON Schema is refused at Parse, each problem naming its keyword path.</summary>
public sealed class SchemaValidityTests
{
    [Theory]
    [InlineData("""{"type":5}""", "/type", "must be a type name or a non-empty array of type names")]
    [InlineData("""{"type":[]}""", "/type", "must be a type name or a non-empty array of type names")]
    [InlineData("""{"type":"text"}""", "/type", "unknown type 'text'")]
    [InlineData("""{"type":["string","date"]}""", "/type/1", "unknown type 'date'")]
    [InlineData("""{"type":["string","string"]}""", "/type/1", "repeats \"string\"")]
    [InlineData("""{"required":"x"}""", "/required", "must be an array of strings")]
    [InlineData("""{"required":["a",1]}""", "/required/1", "must be a string")]
    [InlineData("""{"required":["a","a"]}""", "/required/1", "must be unique")]
    [InlineData("""{"minLength":-1}""", "/minLength", "must be a non-negative integer (was -1)")]
    [InlineData("""{"maxItems":1.5}""", "/maxItems", "must be a non-negative integer")]
    [InlineData("""{"minProperties":"2"}""", "/minProperties", "must be a non-negative integer")]
    [InlineData("""{"properties":{"age":{"minimum":"0"}}}""", "/properties/age/minimum", "must be a number (was string)")]
    [InlineData("""{"exclusiveMaximum":true}""", "/exclusiveMaximum", "must be a number (was boolean)")]
    [InlineData("""{"multipleOf":0}""", "/multipleOf", "must be greater than 0")]
    [InlineData("""{"multipleOf":-2}""", "/multipleOf", "must be greater than 0")]
    [InlineData("""{"pattern":"([a-z"}""", "/pattern", "is not a valid regular expression")]
    [InlineData("""{"pattern":5}""", "/pattern", "must be a string")]
    [InlineData("""{"patternProperties":{"(":{}}}""", "/patternProperties/(", "is not a valid regular expression")]
    [InlineData("""{"enum":"a"}""", "/enum", "must be an array")]
    [InlineData("""{"uniqueItems":"yes"}""", "/uniqueItems", "must be a boolean")]
    [InlineData("""{"anyOf":[]}""", "/anyOf", "must be a non-empty array of schemas")]
    [InlineData("""{"oneOf":{}}""", "/oneOf", "must be a non-empty array of schemas")]
    [InlineData("""{"allOf":[{"type":"string"},7]}""", "/allOf/1", "must be a schema (an object or a boolean), was integer")]
    [InlineData("""{"properties":[]}""", "/properties", "must be an object whose values are schemas")]
    [InlineData("""{"properties":{"a":"string"}}""", "/properties/a", "must be a schema")]
    [InlineData("""{"items":{"items":{"minItems":-3}}}""", "/items/items/minItems", "must be a non-negative integer")]
    [InlineData("""{"additionalProperties":"no"}""", "/additionalProperties", "must be a schema")]
    [InlineData("""{"not":null}""", "/not", "must be a schema")]
    [InlineData("""{"format":1}""", "/format", "must be a string")]
    [InlineData("""{"dependentRequired":{"a":"b"}}""", "/dependentRequired/a", "must be an array of strings")]
    [InlineData("""{"$defs":{"x":{"type":"nope"}}}""", "/$defs/x/type", "unknown type 'nope'")]
    [InlineData("""{"$ref":5}""", "/$ref", "must be a string")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "/$ref", "does not resolve")]
    [InlineData("""{"properties":{"a":{"$ref":"#/definitions/x"}}}""", "/properties/a/$ref", "does not resolve")]
    [InlineData("""{"$ref":"https://example.com/schema.json"}""", "/$ref", "remote $ref 'https://example.com/schema.json' is not supported")]
    [InlineData("""{"$ref":"other.json#/x"}""", "/$ref", "remote $ref 'other.json#/x' is not supported")]
    [InlineData("""{"$ref":"#anchor"}""", "/$ref", "names an anchor")]
    [InlineData("42", "", "must be a schema (an object or a boolean), was integer")]
    public void AnInvalidSchemaIsRefusedNamingTheKeywordPath(string schema, string path, string message)
    {
        var error = Assert.Single(Schema.SchemaErrors(schema));

        Assert.Equal(path, error.KeywordPath);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsListedAndTheExceptionMessageNamesThem()
    {
        var error = Assert.Throws<InvalidJsonSchemaException>(() => Schema.Of("""{"type":"text","properties":{"age":{"minimum":"0"}},"required":"age"}"""));

        Assert.Equal(["/properties/age/minimum", "/required", "/type"], error.Errors.Select(e => e.KeywordPath).Order(StringComparer.Ordinal));
        Assert.Contains("/type: unknown type 'text'", error.Message, StringComparison.Ordinal);
        Assert.Contains("/properties/age/minimum: must be a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonIsASchemaErrorToo()
    {
        var error = Assert.Single(Schema.SchemaErrors("""{"type": """));

        Assert.Equal(string.Empty, error.KeywordPath);
        Assert.Contains("is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseReturnsTheErrorsInsteadOfThrowing()
    {
        using var document = JsonDocument.Parse("""{"minLength":-1}""");

        Assert.False(JsonSchema.TryParse(document.RootElement, out var schema, out var errors));
        Assert.Null(schema);
        Assert.Equal("/minLength", Assert.Single(errors).KeywordPath);
    }

    [Fact]
    public void UnknownKeywordsAreIgnoredAndAnnotationsAccepted()
    {
        var schema = Schema.Of("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.com/s","title":"T","description":"D",
             "x-vendor":{"type":5},"default":3,"examples":[1],"deprecated":true,"readOnly":true,"$comment":"c","type":"integer"}
            """);
        using var one = JsonDocument.Parse("1");

        Assert.True(schema.IsValid(one.RootElement));
    }
}
