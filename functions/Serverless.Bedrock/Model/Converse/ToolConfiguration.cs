using System.Text.Json;

namespace Serverless.Bedrock.Model;

public sealed class ToolConfiguration
{
    /// <summary>At least one tool.</summary>
    public List<Tool> Tools { get; set; } = [];

    public ToolChoice? ToolChoice { get; set; }
}

/// <summary>Union: a tool specification, a service-side system tool or a cache point.</summary>
public sealed class Tool
{
    public ToolSpecification? ToolSpec { get; set; }

    public SystemTool? SystemTool { get; set; }

    public CachePointBlock? CachePoint { get; set; }
}

public sealed class ToolSpecification
{
    /// <summary>1-64 characters of [a-zA-Z0-9_-].</summary>
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public ToolInputSchema InputSchema { get; set; } = new();

    public bool? Strict { get; set; }
}

/// <summary>Union with one member: the JSON schema document of the tool input.</summary>
public sealed class ToolInputSchema
{
    public JsonElement? Json { get; set; }
}

public sealed class SystemTool
{
    public string Name { get; set; } = "";
}

/// <summary>Union: let the model decide (auto), force some tool (any) or force one named tool (tool).</summary>
public sealed class ToolChoice
{
    public AutoToolChoice? Auto { get; set; }

    public AnyToolChoice? Any { get; set; }

    public SpecificToolChoice? Tool { get; set; }
}

/// <summary>An empty structure: serialized as <c>{}</c>.</summary>
public sealed class AutoToolChoice;

/// <summary>An empty structure: serialized as <c>{}</c>.</summary>
public sealed class AnyToolChoice;

public sealed class SpecificToolChoice
{
    public string Name { get; set; } = "";
}
