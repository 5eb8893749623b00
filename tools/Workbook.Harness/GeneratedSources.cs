namespace Workbook.Harness;

/// <summary>The helper classes the rewritten copies compile with.</summary>
internal static class GeneratedSources
{
    public const string FileName = "WorkbookHarness.g.cs";

    public const string Never = """
        // Written by tools/Workbook.Harness: awaitables that never complete, for the never-completing stubs.
        namespace Workbook.Harness.Generated;

        internal static class WorkbookNever
        {
            public static global::System.Threading.Tasks.Task Forever() => new global::System.Threading.Tasks.TaskCompletionSource().Task;

            public static global::System.Threading.Tasks.Task<T> Forever<T>() => new global::System.Threading.Tasks.TaskCompletionSource<T>().Task;

            public static async global::System.Collections.Generic.IAsyncEnumerable<T> Stream<T>()
            {
                await Forever();
                yield break;
            }
        }

        """;

    public const string Mutant = """
        // Written by tools/Workbook.Harness: the switch that makes one solution member throw, as its stub does.
        namespace Workbook.Harness.Generated;

        internal static class WorkbookMutant
        {
            private static readonly string? Selected = global::System.Environment.GetEnvironmentVariable("WORKBOOK_MUTANT");

            private static readonly bool AsFaultedTask = global::System.Environment.GetEnvironmentVariable("WORKBOOK_MUTANT_FAULTED") == "1";

            public static bool Is(string member) => string.Equals(Selected, member, global::System.StringComparison.Ordinal);

            public static bool Faulted() => AsFaultedTask;

            public static async global::System.Collections.Generic.IAsyncEnumerable<T> Faulted<T>(global::System.Exception error)
            {
                await global::System.Threading.Tasks.Task.Yield();
                throw error;
        #pragma warning disable CS0162 // An iterator needs a yield.
                yield break;
        #pragma warning restore CS0162
            }
        }

        """;
}
