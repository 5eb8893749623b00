using Xunit.v3;

namespace Workbook.Exercises.Tests.Support;

/// <summary>Tags a test with the rubric cell it gives evidence for (see <see cref="Rubric"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RubricAttribute(string cell) : Attribute, ITraitAttribute
{
    public string Cell { get; } = cell;

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Rubric", Cell)];
}
