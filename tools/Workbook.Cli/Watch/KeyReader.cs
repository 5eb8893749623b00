using System.Threading.Channels;

namespace Workbook.Cli.Watch;

/// <summary>Turns what the student types into <see cref="KeyPressed"/> signals: single keys in a terminal, lines otherwise.</summary>
public static class KeyReader
{
    public static WatchKey? Parse(char key) => char.ToLowerInvariant(key) switch
    {
        'h' => WatchKey.Hint,
        'r' => WatchKey.Rerun,
        'f' => WatchKey.AllFailures,
        'l' => WatchKey.Lessons,
        'q' => WatchKey.Quit,
        _ => null,
    };

    /// <summary>Reads keys from the terminal on a background thread until the token fires.</summary>
    public static void StartConsoleKeys(ChannelWriter<WatchSignal> signals, CancellationToken cancellationToken)
    {
        var thread = new Thread(() =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!Console.KeyAvailable)
                {
                    Thread.Sleep(50);
                    continue;
                }

                if (Parse(Console.ReadKey(intercept: true).KeyChar) is { } key)
                {
                    signals.TryWrite(new KeyPressed(key));
                }
            }
        })
        { IsBackground = true, Name = "watch keys" };
        thread.Start();
    }

    /// <summary>Reads one key per line from standard input (a script, a test) until it ends.</summary>
    public static void StartLines(TextReader input, ChannelWriter<WatchSignal> signals, CancellationToken cancellationToken) =>
        _ = Task.Run(
            async () =>
            {
                while (!cancellationToken.IsCancellationRequested && await input.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Trim() is { Length: > 0 } text && Parse(text[0]) is { } key)
                    {
                        signals.TryWrite(new KeyPressed(key));
                    }
                }
            },
            cancellationToken);
}
