using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Serverless.LocalBedrock.Generation;

/// <summary>
/// Writes a JSON document valid against a JSON Schema, deterministically from a seeded Random. Covers what
/// structured output and tool inputs use: type (incl. type arrays), properties/required, enum, const, items,
/// minItems/maxItems, uniqueItems, minimum/maximum (incl. exclusive), minLength/maxLength, formats date-time,
/// date, email, uuid and uri, anyOf/oneOf (first branch), allOf (object branches merged) and $ref within the
/// document ($defs, definitions or any JSON pointer).
/// </summary>
internal sealed class JsonSchemaSampler
{
    private const int MaxDepth = 32;

    private readonly JsonElement _root;
    private readonly Random _random;

    private JsonSchemaSampler(JsonElement root, Random random)
    {
        _root = root;
        _random = random;
    }

    public static string Sample(JsonElement schema, Random random)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Formats.FormatJson.WriterOptions))
        {
            new JsonSchemaSampler(schema, random).Write(writer, schema, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void Write(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("The JSON schema nests (or recurses) too deeply to produce a finite document.");
        }

        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
        {
            writer.WriteStringValue("value");
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            Write(writer, Resolve(reference.GetString()!), depth + 1);
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            choices[_random.Next(choices.GetArrayLength())].WriteTo(writer);
            return;
        }

        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                Write(writer, PickBranch(branches), depth + 1);
                return;
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            WriteObject(writer, [schema, .. all.EnumerateArray().Select(Deref)], depth);
            return;
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, [schema], depth);
                break;
            case "array":
                WriteArray(writer, schema, depth);
                break;
            case "integer":
                writer.WriteNumberValue((long)Math.Floor(PickNumber(schema, integer: true)));
                break;
            case "number":
                writer.WriteNumberValue(PickNumber(schema, integer: false));
                break;
            case "boolean":
                writer.WriteBooleanValue(_random.Next(2) == 0);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(PickString(schema));
                break;
        }
    }

    // A non-null branch first: a document of "null" satisfies oneOf [X, null] but says nothing useful.
    private JsonElement PickBranch(JsonElement branches)
    {
        foreach (var branch in branches.EnumerateArray())
        {
            if (TypeOf(Deref(branch)) != "null")
            {
                return branch;
            }
        }

        return branches[0];
    }

    private JsonElement Deref(JsonElement schema)
        => schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var r) && r.ValueKind == JsonValueKind.String
            ? Resolve(r.GetString()!)
            : schema;

    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "string";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var names = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
                return names.FirstOrDefault(n => n != "null") ?? names.FirstOrDefault() ?? "string";
            }
        }

        if (schema.TryGetProperty("properties", out _))
        {
            return "object";
        }

        return schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private void WriteObject(Utf8JsonWriter writer, IReadOnlyList<JsonElement> parts, int depth)
    {
        writer.WriteStartObject();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (written.Add(property.Name))
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value, depth + 1);
                    }
                }
            }
        }

        // Required members without a property schema still have to be present.
        foreach (var part in parts)
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && written.Add(name.GetString()!))
                    {
                        writer.WriteString(name.GetString()!, "value");
                    }
                }
            }
        }

        writer.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        var min = ReadInt(schema, "minItems") ?? 0;
        var max = ReadInt(schema, "maxItems") ?? Math.Max(min, 3);
        var count = Math.Clamp(2, min, Math.Max(min, max));
        var unique = schema.TryGetProperty("uniqueItems", out var u) && u.ValueKind == JsonValueKind.True;
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            var text = SampleItem(items, depth);
            for (var attempt = 0; unique && !seen.Add(text) && attempt < 16; attempt++)
            {
                text = SampleItem(items, depth);
            }

            writer.WriteRawValue(text, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    private string SampleItem(JsonElement items, int depth)
    {
        var buffer = new MemoryStream();
        using (var itemWriter = new Utf8JsonWriter(buffer, Formats.FormatJson.WriterOptions))
        {
            if (items.ValueKind == JsonValueKind.Undefined)
            {
                itemWriter.WriteStringValue(SeededText.SomeWords(_random, 2));
            }
            else
            {
                Write(itemWriter, items, depth + 1);
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private double PickNumber(JsonElement schema, bool integer)
    {
        var low = ReadDouble(schema, "minimum") ?? (ReadDouble(schema, "exclusiveMinimum") is { } exMin ? exMin + (integer ? 1 : 0.5) : 0);
        var high = ReadDouble(schema, "maximum") ?? (ReadDouble(schema, "exclusiveMaximum") is { } exMax ? exMax - (integer ? 1 : 0.5) : low + 100);
        if (integer)
        {
            low = Math.Ceiling(low);
            high = Math.Floor(high);
        }

        if (high <= low)
        {
            return low;
        }

        var value = low + (_random.NextDouble() * (high - low));
        if (integer)
        {
            return Math.Floor(value);
        }

        var rounded = Math.Round(value, 2);
        return rounded >= low && rounded <= high ? rounded : low;
    }

    private string PickString(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var text = format switch
        {
            "date-time" => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(_random.Next(525_600)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "date" => new DateOnly(2026, 1, 1).AddDays(_random.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "email" => $"user{_random.Next(10_000)}@example.com",
            "uuid" => NewUuid(),
            "uri" => $"https://example.com/item/{_random.Next(10_000)}",
            _ => SeededText.SomeWords(_random, 1 + _random.Next(4)),
        };

        // Formatted values keep their shape; length limits only bend free text.
        if (format is null)
        {
            var min = ReadInt(schema, "minLength") ?? 0;
            var max = ReadInt(schema, "maxLength") ?? int.MaxValue;
            while (text.Length < min)
            {
                text += " " + SeededText.SomeWords(_random, 1);
            }

            if (text.Length > max)
            {
                text = text[..max];
            }
        }

        return text;
    }

    private string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new InvalidDataException($"The JSON schema reference '{reference}' points outside the schema; only local references (#/...) are supported.");
        }

        var current = _root;
        foreach (var rawSegment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(rawSegment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                throw new InvalidDataException($"The JSON schema reference '{reference}' does not resolve.");
            }
        }

        return current;
    }

    private static int? ReadInt(JsonElement schema, string name)
        => schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static double? ReadDouble(JsonElement schema, string name)
        => schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
