namespace Serverless.BatchLocal;

/// <summary>The repository root (where Serverless.sln is): the ASL file, the node driver and node_modules live there.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (Serverless.sln) was not found above the current or the program's directory.");
    }
}
