using System.Threading.Channels;
using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Engine;
using Workbook.Cli.Hints;
using Workbook.Cli.Localization;
using Workbook.Cli.Running;
using Workbook.Cli.Watch;

namespace Workbook.Cli.Commands;

/// <summary>
/// <c>workbook watch [NN]</c>: keeps one Redis warm, and on every save under Exercises/ rebuilds only the lesson
/// tests and reruns the current lesson, showing one focused screen.
/// </summary>
public sealed class WatchCommand(IAnsiConsole console) : AsyncCommand<WatchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, WatchSettings settings, CancellationToken cancellationToken)
    {
        var root = WorkbookRoot.Find(settings.Exercises);
        var lessons = LessonDocs.Lessons(root.LessonDocs);
        if (settings.LessonNumber is { } wanted && !lessons.Contains(wanted, StringComparer.Ordinal))
        {
            throw new UsageException(WatchText.NoLesson(settings.Lesson, string.Join(", ", lessons)));
        }

        var plain = settings.Plain || Console.IsOutputRedirected || Console.IsInputRedirected;
        IWatchView view = plain ? new PlainWatchView(Console.Out) : new ScreenWatchView(console);
        var signals = Channel.CreateUnbounded<WatchSignal>();
        await using var engine = await LessonEngine.StartAsync(root, settings.ParsedTarget, cancellationToken);
        var folder = Path.Combine(root.Path, settings.ParsedTarget.ToString());
        view.Started(engine.RedisDescription, Path.GetRelativePath(Environment.CurrentDirectory, folder) + Path.DirectorySeparatorChar);
        using var watcher = new SaveWatcher(folder, signals.Writer);
        using var keys = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (plain)
        {
            KeyReader.StartLines(Console.In, signals.Writer, keys.Token);
        }
        else
        {
            KeyReader.StartConsoleKeys(signals.Writer, keys.Token);
        }

        var standing = new WorkbookStanding(lessons, lesson => LessonPages.Title(root, lesson) ?? lesson);
        try
        {
            return await new WatchSession(engine, view, standing, settings.Stay).RunAsync(settings.LessonNumber, signals.Reader, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        finally
        {
            await keys.CancelAsync();
        }
    }
}
