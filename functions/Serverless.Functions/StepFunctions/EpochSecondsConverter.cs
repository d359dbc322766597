using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Functions.StepFunctions;

/// <summary>The AWS JSON protocols send timestamps as epoch seconds with a fraction (1700000000.123).</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("A timestamp must be a number of epoch seconds.");
        }

        return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(reader.GetDouble() * TimeSpan.TicksPerSecond));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteNumberValue((value - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);
}
