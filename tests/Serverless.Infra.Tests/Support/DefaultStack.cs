namespace Serverless.Infra.Tests.Support;

/// <summary>The default test stack, synthesized once for every test that only reads it.</summary>
public sealed class DefaultStack
{
    private readonly Lazy<Synthesized> _synthesized = new(() => Synthesizer.Synth());

    public Synthesized Value => _synthesized.Value;

    public TemplateView View => Value.View;
}
