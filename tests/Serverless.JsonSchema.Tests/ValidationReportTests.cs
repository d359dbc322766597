using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Schemas.Tests;

/// <summary>How results read: locations, the error cap, the text fed back to a model, JsonNode input, reuse.</summary>
public sealed class ValidationReportTests
{
    private const string Items = """{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}}""";

    [Fact]
    public void ErrorsStopAtTheCapAndSaySo()
    {
        var instance = "[" + string.Join(',', Enumerable.Repeat("{}", 50)) + "]";

        var result = Schema.Validate(Items, instance, new JsonSchemaOptions { MaxErrors = 3 });

        Assert.False(result.IsValid);
        Assert.True(result.ErrorsTruncated);
        Assert.Equal(["/0", "/1", "/2"], result.Errors.Select(e => e.InstanceLocation));
        Assert.Equal("/0: missing required property \"id\"\n/1: missing required property \"id\"\n/2: missing required property \"id\"\n(further errors not shown)", result.Describe());
    }

    [Fact]
    public void FewerErrorsThanTheCapAreNotMarkedTruncated()
    {
        var result = Schema.Validate(Items, """[{"id":1},{"id":"x"}]""");

        Assert.False(result.ErrorsTruncated);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("/1/id", "/items/properties/id/type", "/1/id: expected integer, got string \"x\""), (error.InstanceLocation, error.KeywordLocation, error.Message));
    }

    [Fact]
    public void AValidInstanceHasNoErrors()
    {
        var result = Schema.Validate(Items, """[{"id":1}]""");

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal("valid", result.Describe());
    }

    [Fact]
    public void JsonNodeInstancesValidateLikeElements()
    {
        var schema = Schema.Of(Items);

        Assert.True(schema.Validate(JsonNode.Parse("""[{"id":2}]""")).IsValid);
        Assert.Equal("/0/id", Assert.Single(schema.Validate(new JsonArray(new JsonObject { ["id"] = "two" })).Errors).InstanceLocation);
        Assert.False(schema.Validate((JsonNode?)null).IsValid);
    }

    [Fact]
    public void OneCompiledSchemaValidatesConcurrently()
    {
        var schema = Schema.Of("""{"type":"object","properties":{"code":{"pattern":"^[A-Z]{3}[0-9]+$"}}}""");
        using var good = JsonDocument.Parse("""{"code":"ABC123"}""");
        using var bad = JsonDocument.Parse("""{"code":"abc"}""");

        Parallel.For(0, 2_000, i =>
        {
            Assert.True(schema.IsValid(good.RootElement));
            Assert.False(schema.IsValid(bad.RootElement));
        });
    }

    [Fact]
    public void TheSourceIsKeptAndOptionsAreChecked()
    {
        Assert.Equal("integer", Schema.Of("""{"type":"integer"}""").Source.GetProperty("type").GetString());
        Assert.Throws<ArgumentException>(() => Schema.Of("{}", new JsonSchemaOptions { MaxErrors = 0 }));
        Assert.Throws<ArgumentException>(() => Schema.Of("{}", new JsonSchemaOptions { RegexTimeout = TimeSpan.Zero }));
    }
}
