using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests;

/// <summary>The README lists the seed's seven errata, in order, right after the two commands.</summary>
public class ReadmeErrataTests
{
    // One fragment of the seed's code (or of its fix) that each erratum must quote.
    private static readonly string[] Fragments =
    [
        "`dz += a - y`",
        "`x[1]`",
        "`b - alpha * b`",
        "`db` by m",
        "`np.dot(w, x)`, `cost(y, a)` and `a - y`",
        "`J, dw_1, dw_2, db = 0`",
        "`np.zeros((n_x, 1))`",
    ];

    [Fact]
    public void Readme_ListsTheSevenErrata_AfterTheTwoCommands()
    {
        string[] lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot(), "README.md"));
        int[] sections = lines.Select((line, index) => (line, index)).Where(l => l.line.StartsWith("## ", StringComparison.Ordinal)).Select(l => l.index).ToArray();
        int commands = Array.FindIndex(lines, l => l == "## The two commands");
        int errata = Array.FindIndex(lines, l => l == "## The seed's errata");
        Assert.True(commands >= 0 && errata >= 0, "README needs '## The two commands' and '## The seed's errata'.");
        Assert.Equal(sections[Array.IndexOf(sections, commands) + 1], errata);

        int end = sections.FirstOrDefault(s => s > errata, lines.Length);
        string[] items = ItemsOf(lines[(errata + 1)..end]);
        Assert.Equal(Fragments.Length, items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            Assert.StartsWith($"{i + 1}. ", items[i], StringComparison.Ordinal);
            Assert.Contains(Fragments[i], items[i], StringComparison.Ordinal);
        }
    }

    // Numbered items, each joined with its indented continuation lines.
    private static string[] ItemsOf(string[] section)
    {
        var items = new List<string>();
        foreach (string line in section)
        {
            if (line.Length > 0 && char.IsDigit(line[0]))
            {
                items.Add(line);
            }
            else if (line.StartsWith("   ", StringComparison.Ordinal) && items.Count > 0)
            {
                items[^1] += " " + line.Trim();
            }
        }

        return [.. items];
    }
}
