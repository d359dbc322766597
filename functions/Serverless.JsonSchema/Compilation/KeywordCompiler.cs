using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Schemas.Evaluation;
using Serverless.Schemas.Keywords;

namespace Serverless.Schemas.Compilation;

/// <summary>
/// Compiles the keywords of one schema object. Keywords whose meaning depends on siblings are compiled together
/// (properties + patternProperties + additionalProperties; prefixItems + items; contains + min/maxContains;
/// if + then + else). Unknown keywords are ignored, as the specification says.
/// </summary>
internal sealed class KeywordCompiler(SchemaCompiler compiler, JsonElement schema, string location)
{
    private readonly List<Keyword> _keywords = [];

    public Keyword[] Compile()
    {
        foreach (var property in schema.EnumerateObject())
        {
            CompileKeyword(property.Name, property.Value, JsonPointer.Append(location, property.Name));
        }

        CompileObjectShape();
        CompileArrayItems();
        CompileContains();
        CompileConditional();
        return [.. _keywords];
    }

    private void CompileKeyword(string name, JsonElement value, string path)
    {
        switch (name)
        {
            case "type":
                Add(Type(value, path));
                break;
            case "enum":
                Add(value.ValueKind == JsonValueKind.Array ? new EnumKeyword(path, [.. value.EnumerateArray()]) : Error(path, "must be an array"));
                break;
            case "const":
                Add(new ConstKeyword(path, value));
                break;
            case "required":
                Add(StringList(value, path) is { } required ? new RequiredKeyword(path, required) : null);
                break;
            case "minProperties" or "maxProperties":
                Add(Count(value, path) is { } properties ? new PropertyCountKeyword(path, name == "minProperties", properties) : null);
                break;
            case "dependentRequired":
                Add(DependentRequired(value, path));
                break;
            case "dependentSchemas":
                Add(SchemaMap(value, path) is { } dependent ? new DependentSchemasKeyword(path, [.. dependent.Select(d => (d.Key, d.Value))]) : null);
                break;
            case "propertyNames":
                Add(new PropertyNamesKeyword(path, compiler.Subschema(value, path)));
                break;
            case "minItems" or "maxItems":
                Add(Count(value, path) is { } items ? new ItemCountKeyword(path, name == "minItems", items) : null);
                break;
            case "uniqueItems":
                Add(value.ValueKind switch
                {
                    JsonValueKind.True => new UniqueItemsKeyword(path),
                    JsonValueKind.False => null,
                    _ => Error(path, "must be a boolean"),
                });
                break;
            case "minLength" or "maxLength":
                Add(Count(value, path) is { } length ? new StringLengthKeyword(path, name == "minLength", length) : null);
                break;
            case "pattern":
                Add(value.ValueKind != JsonValueKind.String ? Error(path, "must be a string (a regular expression)")
                    : compiler.Regex(value.GetString()!, path) is { } regex ? new PatternKeyword(path, regex) : null);
                break;
            case "format":
                Add(Format(value, path));
                break;
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                Add(Number(value, path) is { } bound ? new NumberBoundKeyword(path, Enum.Parse<NumberBoundKeyword.Kind>(name, ignoreCase: true), bound) : null);
                break;
            case "multipleOf":
                Add(MultipleOf(value, path));
                break;
            case "allOf":
                Add(SchemaList(value, path) is { } all ? new AllOfKeyword(path, all) : null);
                break;
            case "anyOf":
                Add(SchemaList(value, path) is { } any ? new AnyOfKeyword(path, any) : null);
                break;
            case "oneOf":
                Add(SchemaList(value, path) is { } one ? new OneOfKeyword(path, one) : null);
                break;
            case "not":
                Add(new NotKeyword(path, compiler.Subschema(value, path)));
                break;
            case "$ref":
                Add(Reference(value, path));
                break;
            case "$defs" or "definitions":
                // Compiled so their errors are reported even when nothing refers to them.
                SchemaMap(value, path);
                break;
            case "properties" or "patternProperties" or "additionalProperties" or "prefixItems" or "items" or "additionalItems"
                or "contains" or "minContains" or "maxContains" or "if" or "then" or "else":
                // Compiled with their siblings after this loop.
                break;
        }
    }

    private void CompileObjectShape()
    {
        var properties = Sibling("properties") is { } p ? SchemaMap(p.Value, p.Path) : null;
        var patterns = Sibling("patternProperties") is { } pp ? PatternMap(pp.Value, pp.Path) : null;
        var additional = Sibling("additionalProperties") is { } ap ? compiler.Subschema(ap.Value, ap.Path) : null;
        if (properties is not null || patterns is not null || additional is not null)
        {
            _keywords.Add(new ObjectShapeKeyword(
                JsonPointer.Append(location, "additionalProperties"),
                properties ?? new Dictionary<string, SchemaNode>(),
                patterns ?? [],
                additional));
        }
    }

    private void CompileArrayItems()
    {
        var prefix = Sibling("prefixItems") is { } pi ? SchemaList(pi.Value, pi.Path) : null;
        SchemaNode? rest = null;
        var itemsPath = JsonPointer.Append(location, "items");
        if (Sibling("items") is { } items)
        {
            if (items.Value.ValueKind == JsonValueKind.Array && prefix is null)
            {
                // Draft 2019-09 and earlier: an array of items is the tuple form, additionalItems the rest.
                prefix = SchemaList(items.Value, items.Path);
                if (Sibling("additionalItems") is { } additional)
                {
                    rest = compiler.Subschema(additional.Value, additional.Path);
                    itemsPath = additional.Path;
                }
            }
            else
            {
                rest = compiler.Subschema(items.Value, items.Path);
            }
        }

        if (prefix is not null || rest is not null)
        {
            _keywords.Add(new ArrayItemsKeyword(itemsPath, prefix ?? [], rest));
        }
    }

    private void CompileContains()
    {
        var min = Sibling("minContains") is { } minValue ? Count(minValue.Value, minValue.Path) : null;
        var max = Sibling("maxContains") is { } maxValue ? Count(maxValue.Value, maxValue.Path) : null;
        if (Sibling("contains") is { } contains)
        {
            _keywords.Add(new ContainsKeyword(contains.Path, compiler.Subschema(contains.Value, contains.Path), min ?? 1, max));
        }
    }

    private void CompileConditional()
    {
        var then = Sibling("then") is { } t ? compiler.Subschema(t.Value, t.Path) : null;
        var otherwise = Sibling("else") is { } e ? compiler.Subschema(e.Value, e.Path) : null;
        if (Sibling("if") is { } condition && (then is not null || otherwise is not null))
        {
            _keywords.Add(new ConditionalKeyword(condition.Path, compiler.Subschema(condition.Value, condition.Path), then, otherwise));
        }
        else if (Sibling("if") is { } alone)
        {
            // Without then/else it asserts nothing, but its errors still count.
            compiler.Subschema(alone.Value, alone.Path);
        }
    }

    private (JsonElement Value, string Path)? Sibling(string name)
        => schema.TryGetProperty(name, out var value) ? (value, JsonPointer.Append(location, name)) : null;

    private void Add(Keyword? keyword)
    {
        if (keyword is not null)
        {
            _keywords.Add(keyword);
        }
    }

    private Keyword? Error(string path, string message)
    {
        compiler.Error(path, message);
        return null;
    }

    private TypeKeyword? Type(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return KnownType(value.GetString()!, path) ? new TypeKeyword(path, [value.GetString()!]) : null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Error(path, "must be a type name or a non-empty array of type names");
            return null;
        }

        var types = StringList(value, path);
        return types is not null && types.Select((t, i) => KnownType(t, JsonPointer.Append(path, i))).ToList().TrueForAll(ok => ok)
            ? new TypeKeyword(path, types)
            : null;
    }

    private bool KnownType(string name, string path)
    {
        if (TypeKeyword.KnownTypes.Contains(name))
        {
            return true;
        }

        Error(path, $"unknown type '{name}' (expected one of null, boolean, object, array, number, integer, string)");
        return false;
    }

    private FormatKeyword? Format(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string");
            return null;
        }

        var format = value.GetString()!;
        return compiler.Options.AssertFormat && Formats.Checker(format) is { } check ? new FormatKeyword(path, format, check) : null;
    }

    private MultipleOfKeyword? MultipleOf(JsonElement value, string path)
    {
        if (Number(value, path) is not { } divisor)
        {
            return null;
        }

        if (divisor.Approximate <= 0)
        {
            Error(path, $"must be greater than 0 (was {divisor})");
            return null;
        }

        return new MultipleOfKeyword(path, divisor);
    }

    private RefKeyword? Reference(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string (a reference such as #/$defs/name)");
            return null;
        }

        var reference = new RefKeyword(path, value.GetString()!);
        compiler.AddReference(reference);
        return reference;
    }

    private DependentRequiredKeyword? DependentRequired(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, "must be an object whose values are arrays of property names");
            return null;
        }

        var dependencies = new List<(string, IReadOnlyList<string>)>();
        var ok = true;
        foreach (var property in value.EnumerateObject())
        {
            if (StringList(property.Value, JsonPointer.Append(path, property.Name)) is { } names)
            {
                dependencies.Add((property.Name, names));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new DependentRequiredKeyword(path, dependencies) : null;
    }

    private JsonNumber? Number(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return JsonNumber.From(value);
        }

        Error(path, $"must be a number (was {JsonText.TypeOf(value)})");
        return null;
    }

    /// <summary>A non-negative integer (1.0 counts as 1), as the count keywords need.</summary>
    private long? Count(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && JsonNumber.From(value) is { IsInteger: true } number && number.Approximate >= 0)
        {
            return number.Approximate >= long.MaxValue ? long.MaxValue : (long)number.Approximate;
        }

        Error(path, $"must be a non-negative integer (was {JsonText.Show(value)})");
        return null;
    }

    /// <summary>An array of distinct strings.</summary>
    private List<string>? StringList(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, "must be an array of strings");
            return null;
        }

        var list = new List<string>();
        var index = 0;
        var ok = true;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPointer.Append(path, index++);
            if (item.ValueKind != JsonValueKind.String)
            {
                compiler.Error(itemPath, $"must be a string (was {JsonText.TypeOf(item)})");
                ok = false;
            }
            else if (list.Contains(item.GetString()!, StringComparer.Ordinal))
            {
                compiler.Error(itemPath, $"repeats {JsonText.Quote(item.GetString()!)}; the values must be unique");
                ok = false;
            }
            else
            {
                list.Add(item.GetString()!);
            }
        }

        return ok ? list : null;
    }

    /// <summary>A non-empty array of schemas.</summary>
    private List<SchemaNode>? SchemaList(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Error(path, "must be a non-empty array of schemas");
            return null;
        }

        return [.. value.EnumerateArray().Select((item, i) => compiler.Subschema(item, JsonPointer.Append(path, i)))];
    }

    /// <summary>An object whose values are schemas.</summary>
    private Dictionary<string, SchemaNode>? SchemaMap(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, "must be an object whose values are schemas");
            return null;
        }

        var map = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = compiler.Subschema(property.Value, JsonPointer.Append(path, property.Name));
        }

        return map;
    }

    /// <summary>An object whose names are regexes and values schemas.</summary>
    private List<(Regex, SchemaNode)>? PatternMap(JsonElement value, string path)
    {
        if (SchemaMap(value, path) is not { } map)
        {
            return null;
        }

        var patterns = new List<(Regex, SchemaNode)>();
        foreach (var (pattern, node) in map)
        {
            if (compiler.Regex(pattern, JsonPointer.Append(path, pattern)) is { } regex)
            {
                patterns.Add((regex, node));
            }
        }

        return patterns;
    }
}
