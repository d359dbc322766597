using System.Text.Json;

namespace Serverless.Schemas.Tests;

/// <summary>Short helpers: compile a schema from JSON text and validate JSON text against it.</summary>
internal static class Schema
{
    public static JsonSchema Of(string schemaJson, JsonSchemaOptions? options = null) => JsonSchema.Parse(schemaJson, options);

    public static SchemaValidationResult Validate(string schemaJson, string instanceJson, JsonSchemaOptions? options = null)
    {
        using var instance = JsonDocument.Parse(instanceJson);
        return Of(schemaJson, options).Validate(instance.RootElement);
    }

    public static bool IsValid(string schemaJson, string instanceJson, JsonSchemaOptions? options = null)
        => Validate(schemaJson, instanceJson, options).IsValid;

    /// <summary>The single error of an instance that must fail exactly once.</summary>
    public static ValidationError SingleError(string schemaJson, string instanceJson, JsonSchemaOptions? options = null)
        => Assert.Single(Validate(schemaJson, instanceJson, options).Errors);

    public static IReadOnlyList<SchemaError> SchemaErrors(string schemaJson)
        => Assert.Throws<InvalidJsonSchemaException>(() => Of(schemaJson)).Errors;
}
