namespace Serverless.Infra.Resources;

/// <summary>Construct ids from handler names: "batch-prepare" → "BatchPrepare".</summary>
public static class ResourceNames
{
    public static string Pascal(string name) =>
        string.Concat(name.Split('-', '_', '.', ' ').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
