using System.Text.Json;

namespace Serverless.Functions.Json;

/// <summary>Adds a member in front of an already serialized JSON object, without parsing it again.</summary>
internal static class JsonSplice
{
    public static byte[] PrependString(ReadOnlySpan<byte> jsonObject, string name, string value)
    {
        using var buffer = new MemoryStream(jsonObject.Length + name.Length + value.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(name, value);
            writer.WriteEndObject();
        }

        // {"name":"value"}  +  {rest...}  →  {"name":"value",rest...}
        var head = buffer.ToArray().AsSpan(0, (int)buffer.Length - 1);
        var rest = jsonObject[1..];
        var isEmpty = rest.TrimStart(" \t\r\n"u8).StartsWith("}"u8);
        var result = new byte[head.Length + (isEmpty ? 0 : 1) + rest.Length];
        head.CopyTo(result);
        var offset = head.Length;
        if (!isEmpty)
        {
            result[offset++] = (byte)',';
        }

        rest.CopyTo(result.AsSpan(offset));
        return result;
    }
}
