using System.Threading.Channels;

namespace Workbook.Cli.Watch;

/// <summary>
/// Watches the student's <c>Exercises/</c> for saved C# files and reports each burst of changes once: editors write
/// a file in several steps (temp file, rename, touch), so events within <see cref="Quiet"/> of each other are one save.
/// </summary>
public sealed class SaveWatcher : IDisposable
{
    /// <summary>How long the folder must be quiet before a save is reported.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    private readonly FileSystemWatcher _watcher;
    private readonly ChannelWriter<WatchSignal> _signals;
    private readonly Lock _gate = new();
    private readonly List<string> _pending = [];
    private readonly Timer _timer;
    private DateTimeOffset? _first;

    public SaveWatcher(string folder, ChannelWriter<WatchSignal> signals)
    {
        _signals = signals;
        _timer = new Timer(_ => Flush());
        _watcher = new FileSystemWatcher(folder, "*.cs")
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => Seen(e.FullPath);
        _watcher.Created += (_, e) => Seen(e.FullPath);
        _watcher.Renamed += (_, e) => Seen(e.FullPath);
        _watcher.Deleted += (_, e) => Seen(e.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }

    private void Seen(string path)
    {
        if (path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
            path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            _first ??= DateTimeOffset.UtcNow;
            if (!_pending.Contains(path))
            {
                _pending.Add(path);
            }

            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        FilesSaved saved;
        lock (_gate)
        {
            if (_first is not { } first)
            {
                return;
            }

            saved = new FilesSaved(first, [.. _pending]);
            _pending.Clear();
            _first = null;
        }

        _signals.TryWrite(saved);
    }
}
