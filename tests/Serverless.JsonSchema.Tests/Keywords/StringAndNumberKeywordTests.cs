namespace Serverless.Schemas.Tests.Keywords;

/// <summary>minLength/maxLength in code points, pattern (unanchored, with a timeout), the numeric bounds and multipleOf.</summary>
public sealed class StringAndNumberKeywordTests
{
    [Theory]
    [InlineData("""{"maxLength":2}""", "\"ab\"", true)]
    [InlineData("""{"maxLength":2}""", "\"abc\"", false)]
    [InlineData("""{"maxLength":1}""", "\"\\ud83d\\ude00\"", true)]
    [InlineData("""{"minLength":2}""", "\"\\ud83d\\ude00\"", false)]
    [InlineData("""{"minLength":2}""", "\"é€\"", true)]
    [InlineData("""{"minLength":2}""", "5", true)]
    [InlineData("""{"pattern":"[0-9]{3}"}""", "\"ab123cd\"", true)]
    [InlineData("""{"pattern":"^[0-9]{3}$"}""", "\"ab123cd\"", false)]
    [InlineData("""{"pattern":"^\\p{Lu}"}""", "\"Élan\"", true)]
    [InlineData("""{"pattern":"^a"}""", "12", true)]
    public void StringKeywords(string schema, string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Theory]
    [InlineData("""{"minimum":0}""", "0", true)]
    [InlineData("""{"minimum":0}""", "-0.0001", false)]
    [InlineData("""{"maximum":10}""", "10", true)]
    [InlineData("""{"maximum":10}""", "10.000000000000000000001", false)]
    [InlineData("""{"exclusiveMinimum":0}""", "0", false)]
    [InlineData("""{"exclusiveMinimum":0}""", "1e-20", true)]
    [InlineData("""{"exclusiveMaximum":1.5}""", "1.5", false)]
    [InlineData("""{"exclusiveMaximum":1.5}""", "1.4999", true)]
    [InlineData("""{"minimum":1e30}""", "1e31", true)]
    [InlineData("""{"maximum":1e30}""", "1e31", false)]
    [InlineData("""{"minimum":5}""", "\"3\"", true)]
    [InlineData("""{"multipleOf":0.1}""", "0.3", true)]
    [InlineData("""{"multipleOf":0.01}""", "19.99", true)]
    [InlineData("""{"multipleOf":0.01}""", "19.995", false)]
    [InlineData("""{"multipleOf":2}""", "7", false)]
    [InlineData("""{"multipleOf":2}""", "-4", true)]
    [InlineData("""{"multipleOf":0.5}""", "1e40", true)]
    public void NumberKeywords(string schema, string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Fact]
    public void StringAndNumberMessages()
    {
        Assert.Equal("/age: -3 is less than the minimum 0", Schema.SingleError("""{"properties":{"age":{"minimum":0}}}""", """{"age":-3}""").Message);
        Assert.Equal("/: 11 is greater than the maximum 10", Schema.SingleError("""{"maximum":10}""", "11").Message);
        Assert.Equal("/: 0 must be greater than 0 (exclusiveMinimum)", Schema.SingleError("""{"exclusiveMinimum":0}""", "0").Message);
        Assert.Equal("/: 7 is not a multiple of 2", Schema.SingleError("""{"multipleOf":2}""", "7").Message);
        Assert.Equal("""/code: "12a" does not match the pattern ^[0-9]+$""",
            Schema.SingleError("""{"properties":{"code":{"pattern":"^[0-9]+$"}}}""", """{"code":"12a"}""").Message);
        Assert.Equal("""/: "ab" is 2 characters long; at least 3 required""", Schema.SingleError("""{"minLength":3}""", "\"ab\"").Message);
    }

    [Fact]
    public void ALongValueIsCutInTheMessage()
    {
        var message = Schema.SingleError("""{"maxLength":3}""", $"\"{new string('x', 500)}\"").Message;

        Assert.True(message.Length < 120, message);
        Assert.Contains("500 characters long; at most 3 allowed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACatastrophicPatternTimesOutInsteadOfHanging()
    {
        var schema = Schema.Of("""{"pattern":"^(a+)+$"}""", new JsonSchemaOptions { RegexTimeout = TimeSpan.FromMilliseconds(20) });
        using var instance = System.Text.Json.JsonDocument.Parse($"\"{new string('a', 5000)}!\"");

        var error = Assert.Single(schema.Validate(instance.RootElement).Errors);

        Assert.Contains("took too long", error.Message, StringComparison.Ordinal);
    }
}
