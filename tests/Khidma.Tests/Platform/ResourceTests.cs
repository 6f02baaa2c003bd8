using System.Xml.Linq;

namespace Khidma.Tests.Platform;

// Arabic is the default, not an afterthought: every resx triple under src/Khidma.Web has the same keys in
// the neutral (English), Arabic and French files, and no Arabic value is empty.
public sealed class ResourceTests
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string WebRoot => Path.Combine(RepoRoot, "src", "Khidma.Web");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Khidma.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Khidma.slnx not found above " + AppContext.BaseDirectory);
    }

    // One row per resource base (path without .resx / .ar.resx / .fr.resx), relative to src/Khidma.Web.
    public static TheoryData<string> Bases()
    {
        var data = new TheoryData<string>();
        var bases = Directory.EnumerateFiles(WebRoot, "*.resx", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(WebRoot, p))
            .Select(p => p.EndsWith(".ar.resx", StringComparison.Ordinal) || p.EndsWith(".fr.resx", StringComparison.Ordinal) ? p[..^8] : p[..^5])
            .Distinct()
            .Order(StringComparer.Ordinal);
        foreach (var b in bases) data.Add(b);
        return data;
    }

    [Fact]
    public void Bases_WebProject_IncludesSharedResources() =>
        Assert.Contains(Path.Combine("Resources", "SharedResource"), ((IEnumerable<object[]>)Bases()).Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(Bases))]
    public void Resx_EveryLanguage_HasEveryKeyAndArabicIsNeverEmpty(string resourceBase)
    {
        var path = Path.Combine(WebRoot, resourceBase);
        var neutral = Load(path + ".resx");
        var arabic = Load(path + ".ar.resx");
        var french = Load(path + ".fr.resx");
        var problems = new List<string>();
        if (neutral is null) problems.Add("the neutral (English) file is missing");
        if (arabic is null) problems.Add("the Arabic file is missing");
        if (french is null) problems.Add("the French file is missing");
        var all = new[] { neutral, arabic, french }.Where(d => d is not null).SelectMany(d => d!.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var key in all.Order(StringComparer.Ordinal))
        {
            if (neutral is not null && !neutral.ContainsKey(key)) problems.Add($"missing in the neutral file: \"{key}\"");
            if (arabic is not null && !arabic.ContainsKey(key)) problems.Add($"missing in Arabic: \"{key}\"");
            if (french is not null && !french.ContainsKey(key)) problems.Add($"missing in French: \"{key}\"");
        }
        if (arabic is not null)
            foreach (var (key, value) in arabic)
                if (string.IsNullOrWhiteSpace(value)) problems.Add($"empty in Arabic: \"{key}\"");

        Assert.True(problems.Count == 0, $"{resourceBase}:\n  " + string.Join("\n  ", problems));
    }

    private static Dictionary<string, string>? Load(string file) =>
        File.Exists(file)
            ? XDocument.Load(file).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal)
            : null;
}
