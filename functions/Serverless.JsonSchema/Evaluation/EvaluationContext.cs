namespace Serverless.Schemas.Evaluation;

/// <summary>State of one validation run: how deep $ref evaluation has nested (a cycle that never descends into the instance must end).</summary>
internal sealed class EvaluationContext(int maxReferenceDepth)
{
    private int _referenceDepth;

    public bool TryEnterReference()
    {
        if (_referenceDepth >= maxReferenceDepth)
        {
            return false;
        }

        _referenceDepth++;
        return true;
    }

    public void ExitReference() => _referenceDepth--;
}
