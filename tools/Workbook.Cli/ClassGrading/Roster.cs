namespace Workbook.Cli.ClassGrading;

/// <summary>
/// Who is in the class: every folder of a class folder (the folder's name is the student's name), or a roster file
/// of <c>name,path</c> lines (a first line <c>name,path</c> is a header; blank lines and lines starting with
/// <c>#</c> are skipped; a relative path is relative to the roster file's folder).
/// </summary>
public static class Roster
{
    public static IReadOnlyList<Student> FromClassFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new UsageException($"Class folder {full} does not exist.");
        }

        var students = new DirectoryInfo(full).EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.'))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new Student(d.Name, d.FullName))
            .ToList();
        return students.Count > 0 ? students : throw new UsageException($"Class folder {full} has no student folders (one checkout per folder).");
    }

    public static IReadOnlyList<Student> FromFile(string file)
    {
        var full = Path.GetFullPath(file);
        if (!File.Exists(full))
        {
            throw new UsageException($"Roster {full} does not exist.");
        }

        var folder = Path.GetDirectoryName(full)!;
        var students = new List<Student>();
        var lines = File.ReadAllLines(full);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && line.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("name,path", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var name = comma > 0 ? line[..comma].Trim() : string.Empty;
            var path = comma > 0 ? line[(comma + 1)..].Trim().Trim('"') : string.Empty;
            if (name.Length == 0 || path.Length == 0)
            {
                throw new UsageException($"{full}:{i + 1}: expected name,path; got '{line}'.");
            }

            students.Add(new Student(ValidName(name, $"{full}:{i + 1}"), Path.GetFullPath(Path.Combine(folder, path))));
        }

        var duplicate = students.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"{full}: the name '{duplicate.Key}' is there twice; each student's report is written under their name.");
        }

        return students.Count > 0 ? students : throw new UsageException($"Roster {full} names no student.");
    }

    // A name becomes a file name: no folders, no hidden files, nothing a shell or a spreadsheet trips on.
    private static string ValidName(string name, string where) =>
        name.Length <= 100 && !name.StartsWith('.') && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or ' ')
            ? name
            : throw new UsageException($"{where}: '{name}' is not a usable student name (letters, digits, space, - _ . @; not starting with a dot).");
}
