namespace Serverless.Schemas.Tests.Keywords;

/// <summary>format: an annotation by default; with AssertFormat, date-time, date, email, uuid and uri are checked.</summary>
public sealed class FormatTests
{
    private static readonly JsonSchemaOptions Asserting = new() { AssertFormat = true };

    [Theory]
    [InlineData("date-time", "\"2024-02-29T23:59:59Z\"", true)]
    [InlineData("date-time", "\"2024-02-29t10:00:00.123+05:30\"", true)]
    [InlineData("date-time", "\"1998-12-31T23:59:60Z\"", true)]
    [InlineData("date-time", "\"1998-12-31T15:59:60-08:00\"", true)]
    [InlineData("date-time", "\"1998-12-31T23:58:60Z\"", false)]
    [InlineData("date-time", "\"2023-02-29T00:00:00Z\"", false)]
    [InlineData("date-time", "\"2024-01-01T24:00:00Z\"", false)]
    [InlineData("date-time", "\"2024-01-01T10:00:00\"", false)]
    [InlineData("date-time", "\"2024-01-01 10:00:00Z\"", false)]
    [InlineData("date-time", "\"2024-01-01T10:00:00+25:00\"", false)]
    [InlineData("date-time", "\"２０２４-01-01T10:00:00Z\"", false)]
    [InlineData("date", "\"2024-02-29\"", true)]
    [InlineData("date", "\"2100-02-29\"", false)]
    [InlineData("date", "\"2024-13-01\"", false)]
    [InlineData("date", "\"2024-1-01\"", false)]
    [InlineData("email", "\"ada@example.com\"", true)]
    [InlineData("email", "\"first.last+tag@sub.example.org\"", true)]
    [InlineData("email", "\"\\\"quoted local\\\"@example.com\"", true)]
    [InlineData("email", "\"ada@[127.0.0.1]\"", true)]
    [InlineData("email", "\"ada@[IPv6:::1]\"", true)]
    [InlineData("email", "\"ada.@example.com\"", false)]
    [InlineData("email", "\"a..da@example.com\"", false)]
    [InlineData("email", "\"ada example.com\"", false)]
    [InlineData("email", "\"ada@-example.com\"", false)]
    [InlineData("email", "\"@example.com\"", false)]
    [InlineData("uuid", "\"2EB8AA08-AA98-11EA-B4AA-73B441D16380\"", true)]
    [InlineData("uuid", "\"2eb8aa08-aa98-11ea-b4aa-73b441d16380\"", true)]
    [InlineData("uuid", "\"2eb8aa08aa9811eab4aa73b441d16380\"", false)]
    [InlineData("uuid", "\"2eb8aa08-aa98-11ea-b4aa-73b441d1638g\"", false)]
    [InlineData("uri", "\"https://example.com/a?b=c#d\"", true)]
    [InlineData("uri", "\"urn:isbn:0451450523\"", true)]
    [InlineData("uri", "\"mailto:ada@example.com\"", true)]
    [InlineData("uri", "\"http://[2001:db8::7]/c=GB?objectClass?one\"", true)]
    [InlineData("uri", "\"http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com\"", true)]
    [InlineData("uri", "\"/relative/path\"", false)]
    [InlineData("uri", "\"http://exa mple.com\"", false)]
    [InlineData("uri", "\"http://ƒøø.com\"", false)]
    [InlineData("uri", "\"bar,baz:foo\"", false)]
    [InlineData("uri", "\"http://example.com/%zz\"", false)]
    public void AssertedFormats(string format, string instance, bool valid)
        => Assert.Equal(valid, Schema.IsValid($$"""{"format":"{{format}}"}""", instance, Asserting));

    [Theory]
    [InlineData("date-time")]
    [InlineData("email")]
    [InlineData("hostname")]
    public void FormatIsOnlyAnAnnotationByDefault(string format)
        => Assert.True(Schema.IsValid($$"""{"format":"{{format}}"}""", "\"not at all\""));

    [Fact]
    public void UnknownFormatsAndNonStringsPassEvenWhenAsserting()
    {
        Assert.True(Schema.IsValid("""{"format":"hostname"}""", "\"-- not a host --\"", Asserting));
        Assert.True(Schema.IsValid("""{"format":"date"}""", "20240101", Asserting));
    }

    [Fact]
    public void AFormatErrorNamesTheFormat()
        => Assert.Equal("""/when: "yesterday" is not a valid date-time""",
            Schema.SingleError("""{"properties":{"when":{"format":"date-time"}}}""", """{"when":"yesterday"}""", Asserting).Message);
}
