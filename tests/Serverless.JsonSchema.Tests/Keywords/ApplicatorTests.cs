namespace Serverless.Schemas.Tests.Keywords;

/// <summary>allOf, anyOf, oneOf, not, if/then/else and boolean schemas.</summary>
public sealed class ApplicatorTests
{
    [Theory]
    [InlineData("""{"allOf":[{"minimum":1},{"maximum":3}]}""", "2", true)]
    [InlineData("""{"allOf":[{"minimum":1},{"maximum":3}]}""", "4", false)]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "3", true)]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "3.5", false)]
    [InlineData("""{"oneOf":[{"type":"integer"},{"minimum":2}]}""", "1", true)]
    [InlineData("""{"oneOf":[{"type":"integer"},{"minimum":2}]}""", "2.5", true)]
    [InlineData("""{"oneOf":[{"type":"integer"},{"minimum":2}]}""", "3", false)]
    [InlineData("""{"oneOf":[{"type":"integer"},{"minimum":2}]}""", "1.5", false)]
    [InlineData("""{"not":{"type":"null"}}""", "0", true)]
    [InlineData("""{"not":{"type":"null"}}""", "null", false)]
    [InlineData("""{"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}}""", """{"kind":"card","number":"4"}""", true)]
    [InlineData("""{"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}}""", """{"kind":"card","iban":"x"}""", false)]
    [InlineData("""{"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}}""", """{"kind":"bank","iban":"x"}""", true)]
    [InlineData("""{"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}}""", """{"kind":"bank"}""", false)]
    [InlineData("""{"if":{"type":"string"},"then":{"minLength":2}}""", "5", true)]
    [InlineData("""{"if":{"type":"string"}}""", "5", true)]
    [InlineData("""{"then":{"type":"string"}}""", "5", true)]
    [InlineData("true", "{\"anything\":[1]}", true)]
    [InlineData("false", "null", false)]
    [InlineData("""{"properties":{"gone":false}}""", """{"gone":1}""", false)]
    [InlineData("""{"properties":{"gone":false}}""", "{}", true)]
    [InlineData("""{"anyOf":[false,true]}""", "1", true)]
    public void Applicators(string schema, string instance, bool valid) => Assert.Equal(valid, Schema.IsValid(schema, instance));

    [Fact]
    public void AnyOfFailureSaysWhyEachAlternativeFailed()
    {
        var error = Schema.SingleError("""{"anyOf":[{"type":"string"},{"type":"integer","minimum":0}]}""", "-1");

        Assert.Equal("/: matches none of the anyOf alternatives (1: /: expected string, got integer -1; 2: /: -1 is less than the minimum 0)", error.Message);
        Assert.Equal("/anyOf", error.KeywordLocation);
    }

    [Fact]
    public void OneOfFailureNamesTheAlternativesThatMatched()
    {
        var error = Schema.SingleError("""{"oneOf":[{"type":"integer"},{"minimum":2},{"maximum":0}]}""", "3");

        Assert.Equal("/: matches 2 of the oneOf alternatives (1, 2); it must match exactly one", error.Message);
    }

    [Fact]
    public void ThenAndElseReportTheirOwnErrors()
    {
        var error = Schema.SingleError("""{"if":{"const":1},"then":{"multipleOf":2},"else":{"minimum":5}}""", "3");

        Assert.Equal(("/else/minimum", "/: 3 is less than the minimum 5"), (error.KeywordLocation, error.Message));
    }

    [Fact]
    public void AFalseSubschemaSaysNothingIsAllowed()
    {
        var error = Schema.SingleError("""{"properties":{"gone":false}}""", """{"gone":1}""");

        Assert.Equal(("/gone", "/properties/gone", "/gone: no value is allowed here (the schema is false)"), (error.InstanceLocation, error.KeywordLocation, error.Message));
    }
}
