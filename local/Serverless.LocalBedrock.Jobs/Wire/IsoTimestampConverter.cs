using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.LocalBedrock.Jobs.Wire;

/// <summary>Bedrock's job timestamps are modelled <c>timestampFormat: iso8601</c>: UTC with milliseconds and a 'Z'.</summary>
public sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToWire(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("timestamp is null"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(ToWire(value));
}
