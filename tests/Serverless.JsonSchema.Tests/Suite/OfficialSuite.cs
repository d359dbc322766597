using System.Text.Json;
using Serverless.TestSupport;

namespace Serverless.Schemas.Tests.Suite;

/// <summary>
/// The official JSON-Schema-Test-Suite as the npm package <c>json-schema-test-suite</c> (0.0.10, a devDependency in
/// package.json; <c>npm ci</c> installs it) ships it. That package carries only the draft3 and draft4 folders; the
/// npm package with the 2020-12 folder (@json-schema-org/tests) pulls the suite from a git dependency, which this
/// package source cannot install. Draft 4's files test most keywords this validator supports with the same meaning
/// in 2020-12, so they run here with the cases whose meaning changed excluded (<see cref="Exclusions"/>, each with
/// its reason); the 2020-12-only keywords have their own tests in Keywords/.
/// </summary>
internal static class OfficialSuite
{
    public static string Draft4 => Path.Combine(RepoPaths.Root, "node_modules", "json-schema-test-suite", "tests", "draft4");

    /// <summary>Files left out whole, with why.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExcludedFiles = new Dictionary<string, string>
    {
        ["refRemote.json"] = "every case refers to a schema on a remote server; remote $refs are rejected by design (SchemaValidityTests checks the error)",
        ["definitions.json"] = "validates schemas against the draft-04 meta-schema through a remote $ref",
        ["dependencies.json"] = "draft 4's 'dependencies' became dependentRequired / dependentSchemas in 2019-09 (DependentKeywordTests)",
        ["optional/zeroTerminatedFloats.json"] = "draft 4 says 1.0 is not an integer; 2020-12 says it is (TypeKeywordTests)",
    };

    /// <summary>Cases left out, by "file: case description", with why.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExcludedCases = new Dictionary<string, string>
    {
        ["maximum.json: exclusiveMaximum validation"] = "draft 4's boolean exclusiveMaximum is a number in 2020-12 (the boolean form is rejected as a schema error)",
        ["minimum.json: exclusiveMinimum validation"] = "draft 4's boolean exclusiveMinimum is a number in 2020-12 (the boolean form is rejected as a schema error)",
        ["optional/bignum.json: float comparison with high precision"] = "draft 4's boolean exclusiveMaximum (see maximum.json)",
        ["optional/bignum.json: float comparison with high precision on negative numbers"] = "draft 4's boolean exclusiveMinimum (see minimum.json)",
        ["ref.json: remote ref, containing refs itself"] = "refers to the draft-04 meta-schema on a remote server",
        ["optional/format.json: validation of host names"] = "hostname is not a format this validator asserts",
        ["optional/format.json: validation of IP addresses"] = "ipv4 is not a format this validator asserts",
        ["optional/format.json: validation of IPv6 addresses"] = "ipv6 is not a format this validator asserts",
    };

    /// <summary>Single tests left out, by "file: case description: test description", with why.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExcludedTests = new Dictionary<string, string>
    {
        ["optional/format.json: validation of URIs: a valid protocol-relative URI"] =
            "an RFC 3986 URI has a scheme; the later suites (draft 6 on) count \"//foo.bar/...\" as an invalid uri (a uri-reference)",
    };

    public static IEnumerable<string> Files()
        => Directory.EnumerateFiles(Draft4, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Draft4, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<SuiteCase> Cases(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Draft4, file)));
        foreach (var group in document.RootElement.EnumerateArray())
        {
            var description = group.GetProperty("description").GetString()!;
            var tests = group.GetProperty("tests").EnumerateArray()
                .Select(t => new SuiteTest(t.GetProperty("description").GetString()!, t.GetProperty("data").Clone(), t.GetProperty("valid").GetBoolean()))
                .ToList();
            yield return new SuiteCase(file, description, group.GetProperty("schema").Clone(), tests);
        }
    }
}

internal sealed record SuiteCase(string File, string Description, JsonElement Schema, IReadOnlyList<SuiteTest> Tests)
{
    public string Name => $"{File}: {Description}";

    public IEnumerable<SuiteTest> IncludedTests => Tests.Where(t => !OfficialSuite.ExcludedTests.ContainsKey($"{Name}: {t.Description}"));
}

internal sealed record SuiteTest(string Description, JsonElement Data, bool Valid);
