using FluentAssertions.Formatting;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// Shows a stub's <see cref="NotImplementedException"/> inside a failure message ("expected an
/// ArgumentException but found ...") as "not implemented yet", with the member that threw, instead of a whole stack trace.
/// </summary>
internal sealed class NotImplementedValueFormatter : IValueFormatter
{
    public bool CanHandle(object value) => value is NotImplementedException;

    public void Format(object value, FormattedObjectGraph formattedGraph, FormattingContext context, FormatChild formatChild)
    {
        var error = (NotImplementedException)value;
        var thrower = error.StackTrace?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        formattedGraph.AddFragment(thrower is null
            ? $"not implemented yet (\"{error.Message}\")"
            : $"not implemented yet (\"{error.Message}\"), thrown {thrower}");
    }
}
