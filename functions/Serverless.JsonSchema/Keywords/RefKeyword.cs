using System.Text.Json;
using Serverless.Schemas.Compilation;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary><c>$ref</c> to a location in the same document (resolved after compilation, so recursion works).</summary>
internal sealed class RefKeyword(string location, string reference) : Keyword(location)
{
    public string Reference { get; } = reference;

    public SchemaNode? Target { get; set; }

    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (!context.TryEnterReference())
        {
            return Fail(sink, path, $"the schema's $ref '{Reference}' nests too deeply (a reference cycle that never reaches a value)");
        }

        try
        {
            return Target!.Evaluate(instance, path, context, sink);
        }
        finally
        {
            context.ExitReference();
        }
    }
}
