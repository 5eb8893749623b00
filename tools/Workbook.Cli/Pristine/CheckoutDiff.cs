using Workbook.Cli.Grading;

namespace Workbook.Cli.Pristine;

/// <summary>
/// Every difference between a student's checkout and ours outside <c>Exercises/**/*.cs</c>: what pristine grading
/// ignores. Line endings do not count (a checkout made on Windows is not "changed" everywhere). A top-level folder
/// added or removed whole is one entry.
/// </summary>
public static class CheckoutDiff
{
    public static IReadOnlyList<IgnoredChange> Compare(ReferenceWorkbook ours, string student)
    {
        ArgumentNullException.ThrowIfNull(ours);
        var theirs = WorkbookFiles.Walk(student).Where(f => !WorkbookFiles.IsLessonSource(f)).ToHashSet(StringComparer.Ordinal);
        var mine = ours.Files.Where(f => !WorkbookFiles.IsLessonSource(f)).ToHashSet(StringComparer.Ordinal);
        var changes = new List<IgnoredChange>();
        changes.AddRange(Collapse(theirs.Except(mine), mine, "added"));
        changes.AddRange(Collapse(mine.Except(theirs), theirs, "removed"));
        changes.AddRange(theirs.Intersect(mine)
            .Where(f => ours.Fingerprints[f] != ReferenceWorkbook.Fingerprint(File.ReadAllBytes(Path.Combine(student, f))))
            .Select(f => new IgnoredChange(f, "changed")));
        return [.. changes.OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    // Files under a top-level folder the other side does not have at all become one folder entry.
    private static IEnumerable<IgnoredChange> Collapse(IEnumerable<string> files, HashSet<string> other, string change)
    {
        var otherFolders = other.Where(f => f.Contains('/', StringComparison.Ordinal)).Select(Top).ToHashSet(StringComparer.Ordinal);
        foreach (var group in files.GroupBy(f => f.Contains('/', StringComparison.Ordinal) ? Top(f) : f, StringComparer.Ordinal))
        {
            var list = group.ToList();
            if (list.Count > 1 && !otherFolders.Contains(group.Key))
            {
                yield return new IgnoredChange(group.Key + "/", change, list.Count);
                continue;
            }

            foreach (var file in list)
            {
                yield return new IgnoredChange(file, change);
            }
        }
    }

    private static string Top(string relative) => relative[..relative.IndexOf('/', StringComparison.Ordinal)];
}
