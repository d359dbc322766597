using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Functions.StepFunctions;

/// <summary>The AWS JSON protocols send timestamps as epoch seconds with a fraction (1700000000.123).</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ReadSeconds(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => WriteSeconds(writer, value);

    internal static DateTimeOffset ReadSeconds(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("A timestamp must be a number of epoch seconds.");
        }

        // Decimal reads the fraction exactly (through a double about half of all 7-digit fractions come out a tick off).
        return reader.TryGetDecimal(out var seconds)
            ? DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond))
            : DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(reader.GetDouble() * TimeSpan.TicksPerSecond));
    }

    internal static void WriteSeconds(Utf8JsonWriter writer, DateTimeOffset value)
        => writer.WriteNumberValue((value - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);
}

/// <summary><see cref="EpochSecondsConverter"/> for a timestamp the answer may leave out (stopDate while running) or send as null.</summary>
internal sealed class NullableEpochSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? null : EpochSecondsConverter.ReadSeconds(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } timestamp)
        {
            EpochSecondsConverter.WriteSeconds(writer, timestamp);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
