using Serverless.Infra.Configuration;
using Serverless.Infra.Packaging;

namespace Serverless.Infra.Tests.Packaging;

public sealed class SourceFingerprintTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fingerprint-");

    public SourceFingerprintTests()
    {
        Write("Directory.Build.props", "<Project />");
        Write("functions/App/Program.cs", "class P {}");
        Write("functions/App/bin/Release/app.dll", "binary");
        Write("functions/App/obj/project.assets.json", "{}");
        Write("README.md", "not part of the package");
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void The_same_source_in_another_folder_gives_the_same_hash()
    {
        // The asset hash must not depend on where the repository is checked out, or every clone would republish.
        var copy = Directory.CreateTempSubdirectory("fingerprint-copy-");
        try
        {
            foreach (var file in _root.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(_root.FullName, file.FullName));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                file.CopyTo(target);
            }

            Assert.Equal(Compute(), SourceFingerprint.Compute(copy.FullName, DeployMode.Composite));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void Moving_content_between_files_changes_the_hash()
    {
        // File names are part of the hash: the same bytes under another name are another source.
        var before = Compute();
        File.Move(Path.Combine(_root.FullName, "functions/App/Program.cs"), Path.Combine(_root.FullName, "functions/App/Main.cs"));
        Assert.NotEqual(before, Compute());
    }

    [Fact]
    public void The_deploy_mode_is_part_of_the_hash() =>
        Assert.NotEqual(SourceFingerprint.Compute(_root.FullName, DeployMode.Composite), SourceFingerprint.Compute(_root.FullName, DeployMode.Jit));

    [Theory]
    [InlineData("functions/App/Program.cs")]
    [InlineData("functions/App/New.cs")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Packages.props")]
    public void A_change_to_what_the_publish_reads_changes_the_hash(string file)
    {
        var before = Compute();
        Write(file, "changed");
        Assert.NotEqual(before, Compute());
    }

    [Theory]
    [InlineData("functions/App/bin/Release/app.dll")]
    [InlineData("functions/App/obj/project.assets.json")]
    [InlineData("README.md")]
    public void Build_output_and_other_files_do_not_change_the_hash(string file)
    {
        var before = Compute();
        Write(file, "changed");
        Assert.Equal(before, Compute());
    }

    private string Compute() => SourceFingerprint.Compute(_root.FullName, DeployMode.Composite);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
