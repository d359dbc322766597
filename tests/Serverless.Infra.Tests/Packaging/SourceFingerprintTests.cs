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
    public void The_same_source_gives_the_same_hash() =>
        Assert.Equal(Compute(), Compute());

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
