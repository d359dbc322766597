namespace Serverless.Bedrock.Model;

/// <summary>Structured output: constrains the reply to a JSON schema.</summary>
public sealed class OutputConfig
{
    public OutputFormat? TextFormat { get; set; }

    public string? Effort { get; set; }
}

public sealed class OutputFormat
{
    /// <summary>Only <c>json_schema</c> exists.</summary>
    public string Type { get; set; } = "json_schema";

    public OutputFormatStructure Structure { get; set; } = new();

    /// <summary>Builds <c>{type:"json_schema", structure:{jsonSchema:{schema, name, description}}}</c>.</summary>
    public static OutputFormat JsonSchema(string schema, string? name = null, string? description = null) => new()
    {
        Structure = new OutputFormatStructure
        {
            JsonSchema = new JsonSchemaDefinition { Schema = schema, Name = name, Description = description },
        },
    };
}

/// <summary>Union with one member today.</summary>
public sealed class OutputFormatStructure
{
    public JsonSchemaDefinition? JsonSchema { get; set; }
}

public sealed class JsonSchemaDefinition
{
    /// <summary>The JSON schema as a string (the model's type is String, not Document).</summary>
    public string Schema { get; set; } = "";

    public string? Name { get; set; }

    public string? Description { get; set; }
}
