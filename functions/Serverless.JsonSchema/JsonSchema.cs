using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Schemas.Compilation;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas;

/// <summary>
/// A compiled JSON Schema (draft 2020-12, the subset LLM structured output uses and then some; docs/json-schema.md
/// lists the keywords). Compile once with <see cref="Parse(string, JsonSchemaOptions?)"/>, validate many instances;
/// an instance is immutable and thread-safe (regexes are compiled once per instance).
/// </summary>
public sealed class JsonSchema
{
    private readonly SchemaNode _root;
    private readonly JsonSchemaOptions _options;

    private JsonSchema(SchemaNode root, JsonSchemaOptions options, JsonElement source)
    {
        _root = root;
        _options = options;
        Source = source;
    }

    /// <summary>The schema document as given (a private clone).</summary>
    public JsonElement Source { get; }

    /// <summary>Compiles <paramref name="schemaJson"/>. Throws <see cref="InvalidJsonSchemaException"/> listing each problem with its keyword path.</summary>
    public static JsonSchema Parse(string schemaJson, JsonSchemaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(schemaJson);
            element = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidJsonSchemaException([new SchemaError(string.Empty, $"is not valid JSON ({e.Message})")]);
        }

        return Parse(element, options);
    }

    /// <summary>Compiles <paramref name="schema"/>. Throws <see cref="InvalidJsonSchemaException"/> listing each problem with its keyword path.</summary>
    public static JsonSchema Parse(JsonElement schema, JsonSchemaOptions? options = null)
        => TryParse(schema, out var compiled, out var errors, options) ? compiled : throw new InvalidJsonSchemaException(errors);

    /// <summary>Compiles <paramref name="schema"/>, or returns false with every problem found.</summary>
    public static bool TryParse(JsonElement schema, [NotNullWhen(true)] out JsonSchema? compiled, out IReadOnlyList<SchemaError> errors, JsonSchemaOptions? options = null)
    {
        options ??= new JsonSchemaOptions();
        options.Validate();
        var source = schema.Clone();
        var compiler = new SchemaCompiler(source, options);
        var root = compiler.Compile();
        errors = compiler.Errors;
        compiled = errors.Count == 0 ? new JsonSchema(root, options, source) : null;
        return compiled is not null;
    }

    /// <summary>Validates <paramref name="instance"/>, collecting up to <see cref="JsonSchemaOptions.MaxErrors"/> errors.</summary>
    public SchemaValidationResult Validate(JsonElement instance)
    {
        var sink = new ErrorSink(_options.MaxErrors);
        var context = new EvaluationContext(_options.MaxReferenceDepth);
        _root.Evaluate(instance, InstancePath.Root, context, sink);
        return new SchemaValidationResult(sink.Errors, sink.Truncated);
    }

    /// <summary>Validates a <see cref="JsonNode"/> (null is JSON null).</summary>
    public SchemaValidationResult Validate(JsonNode? instance)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (instance is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                instance.WriteTo(writer);
            }
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return Validate(document.RootElement);
    }

    /// <summary>True when <paramref name="instance"/> is valid (stops at the first failure).</summary>
    public bool IsValid(JsonElement instance)
        => _root.Evaluate(instance, InstancePath.Root, new EvaluationContext(_options.MaxReferenceDepth), sink: null);
}
