using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Harness;

/// <summary>What a member returns, as far as waiting on it goes.</summary>
internal enum AsyncShape
{
    /// <summary>Not awaitable: a never-completing variant keeps throwing.</summary>
    Sync,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    AsyncEnumerable,
}

internal static class AsyncShapes
{
    /// <summary>The shape of <paramref name="type"/> and, for the generic shapes, its type argument as written.</summary>
    public static (AsyncShape Shape, TypeSyntax? Argument) Of(TypeSyntax type)
    {
        var name = type is QualifiedNameSyntax qualified ? qualified.Right : type as SimpleNameSyntax;
        return name switch
        {
            IdentifierNameSyntax { Identifier.Text: "Task" } => (AsyncShape.Task, null),
            IdentifierNameSyntax { Identifier.Text: "ValueTask" } => (AsyncShape.ValueTask, null),
            GenericNameSyntax { Identifier.Text: "Task", TypeArgumentList.Arguments: [var argument] } => (AsyncShape.TaskOfT, argument),
            GenericNameSyntax { Identifier.Text: "ValueTask", TypeArgumentList.Arguments: [var argument] } => (AsyncShape.ValueTaskOfT, argument),
            GenericNameSyntax { Identifier.Text: "IAsyncEnumerable", TypeArgumentList.Arguments: [var argument] } => (AsyncShape.AsyncEnumerable, argument),
            _ => (AsyncShape.Sync, null),
        };
    }
}
