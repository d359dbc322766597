using System.Security.Cryptography;
using System.Text;
using Serverless.Infra.Configuration;

namespace Serverless.Infra.Packaging;

/// <summary>
/// The function package's asset hash: SHA-256 over everything the publish reads (functions/ without bin/ and obj/,
/// the repository's build props) and the deploy mode. CDK keeps a bundled asset under cdk.out/asset.{hash}, so an
/// unchanged source is not published again, and any change to it is.
/// </summary>
public static class SourceFingerprint
{
    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj" };

    public static string Compute(string repositoryRoot, DeployMode mode)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("deploy-mode:" + mode.Name() + "\0"));
        foreach (var file in Files(repositoryRoot))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/') + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData("\0"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IEnumerable<string> Files(string repositoryRoot)
    {
        var files = new List<string>();
        foreach (var name in RootFiles)
        {
            var path = Path.Combine(repositoryRoot, name);
            if (File.Exists(path))
            {
                files.Add(path);
            }
        }

        var functions = Path.Combine(repositoryRoot, "functions");
        if (Directory.Exists(functions))
        {
            Collect(new DirectoryInfo(functions), files);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Collect(DirectoryInfo folder, List<string> files)
    {
        foreach (var file in folder.EnumerateFiles())
        {
            files.Add(file.FullName);
        }

        foreach (var child in folder.EnumerateDirectories())
        {
            if (!SkippedFolders.Contains(child.Name) && !child.Name.StartsWith('.'))
            {
                Collect(child, files);
            }
        }
    }
}
