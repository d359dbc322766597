
namespace Serverless.Schemas.Tests.Suite;

/// <summary>Every case of the draft-4 official suite not excluded in <see cref="OfficialSuite"/> (formats asserted in optional/format.json).</summary>
public sealed class OfficialSuiteTests
{
    /// <summary>(file, index of the case in the file, its description — for the test name only).</summary>
    public static TheoryData<string, int, string> SuiteCases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var file in OfficialSuite.Files().Where(f => !OfficialSuite.ExcludedFiles.ContainsKey(f)))
        {
            var index = 0;
            foreach (var suiteCase in OfficialSuite.Cases(file))
            {
                if (!OfficialSuite.ExcludedCases.ContainsKey(suiteCase.Name))
                {
                    data.Add(file, index, suiteCase.Description);
                }

                index++;
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void CaseValidatesAsTheSuiteExpects(string file, int index, string description)
    {
        var suiteCase = OfficialSuite.Cases(file).ElementAt(index);
        Assert.Equal(description, suiteCase.Description);
        var schema = JsonSchema.Parse(suiteCase.Schema, new JsonSchemaOptions { AssertFormat = file.Contains("format", StringComparison.Ordinal) });

        var wrong = suiteCase.IncludedTests
            .Where(test => schema.Validate(test.Data).IsValid != test.Valid)
            .Select(test => $"{test.Description}: expected {(test.Valid ? "valid" : "invalid")}, got {schema.Validate(test.Data).Describe()}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void TheSuiteIsInstalledAndEveryExclusionNamesSomethingThatExists()
    {
        Assert.True(Directory.Exists(OfficialSuite.Draft4), $"{OfficialSuite.Draft4} is missing: run `npm ci` in the repository root.");
        var files = OfficialSuite.Files().ToHashSet();
        Assert.All(OfficialSuite.ExcludedFiles.Keys, file => Assert.Contains(file, files));
        var names = files.SelectMany(OfficialSuite.Cases).Select(c => c.Name).ToHashSet();
        Assert.All(OfficialSuite.ExcludedCases.Keys, name => Assert.Contains(name, names));
        var tests = files.SelectMany(OfficialSuite.Cases).SelectMany(c => c.Tests.Select(t => $"{c.Name}: {t.Description}")).ToHashSet();
        Assert.All(OfficialSuite.ExcludedTests.Keys, name => Assert.Contains(name, tests));
        Assert.True(SuiteCases().Count >= 70, $"the suite should contribute at least 70 of its 89 cases (has {SuiteCases().Count})");
    }
}
