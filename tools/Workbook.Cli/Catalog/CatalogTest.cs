namespace Workbook.Cli.Catalog;

/// <summary>One graded test method with the traits of its class and method.</summary>
/// <param name="ClassName">The class's full name, as in the TRX's <c>TestMethod/@className</c>.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="Lesson">Two digits, e.g. <c>06</c>.</param>
/// <param name="Level">Beginner, Intermediate or Advanced.</param>
/// <param name="Skill">Redis or Kafka.</param>
/// <param name="RubricItems">The seed rubric items the test gives evidence for.</param>
public sealed record CatalogTest(string ClassName, string MethodName, string Lesson, string Level, string Skill, IReadOnlyList<string> RubricItems)
{
    /// <summary>Where the method stands in its assembly (its metadata token): source order, for "the first failing test".</summary>
    public int DeclarationOrder { get; init; }

    /// <summary><c>Namespace.Class.Method</c>: what results are joined on.</summary>
    public string FullName => $"{ClassName}.{MethodName}";
}
