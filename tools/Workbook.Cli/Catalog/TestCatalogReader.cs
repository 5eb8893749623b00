using System.Reflection;
using System.Runtime.InteropServices;

namespace Workbook.Cli.Catalog;

/// <summary>
/// Reads the traits of the graded tests from the built test assembly without running or loading it for execution
/// (<see cref="MetadataLoadContext"/>): TRX files do not carry traits, the assembly does. A test is a <c>[Fact]</c>
/// or <c>[Theory]</c> method of a class with a <c>Lesson</c> trait; its rubric items come from <c>[Rubric]</c> on
/// the method and on the class. Plain <c>[Trait("Lesson", "NN")]</c> style attributes are read too.
/// </summary>
public static class TestCatalogReader
{
    private const string FactAttribute = "Xunit.FactAttribute";

    public static TestCatalog Read(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new UsageException($"The test assembly {assemblyPath} does not exist; build it with dotnet build Exercises.Tests.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var candidates = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(directory, "*.dll"))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => group.Last());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(candidates));
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        var tests = new List<CatalogTest>();
        foreach (var type in LoadableTypes(assembly).Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            var classTraits = Traits(type.GetCustomAttributesData());
            var lesson = classTraits.FirstOrDefault(t => t.Name == "Lesson").Value;
            if (lesson is null)
            {
                continue;
            }

            var level = classTraits.FirstOrDefault(t => t.Name == "Level").Value ?? "Unknown";
            var skill = classTraits.FirstOrDefault(t => t.Name == "Skill").Value ?? "Unknown";
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                var attributes = method.GetCustomAttributesData();
                if (!attributes.Any(a => IsOrDerivesFrom(a.AttributeType, FactAttribute)))
                {
                    continue;
                }

                var rubric = classTraits.Concat(Traits(attributes))
                    .Where(t => t.Name == "Rubric")
                    .Select(t => t.Value)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                tests.Add(new CatalogTest(type.FullName!, method.Name, lesson, level, skill, rubric) { DeclarationOrder = method.MetadataToken });
            }
        }

        return new TestCatalog(tests);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static List<(string Name, string Value)> Traits(IEnumerable<CustomAttributeData> attributes)
    {
        var traits = new List<(string, string)>();
        foreach (var attribute in attributes)
        {
            var arguments = attribute.ConstructorArguments;
            switch (attribute.AttributeType.Name)
            {
                case "LessonAttribute" when arguments.Count == 3:
                    traits.Add(("Lesson", Text(arguments[0])));
                    traits.Add(("Level", Text(arguments[1])));
                    traits.Add(("Skill", Text(arguments[2])));
                    break;
                case "RubricAttribute" when arguments.Count == 1:
                    traits.Add(("Rubric", Text(arguments[0])));
                    break;
                case "TraitAttribute" when arguments.Count == 2:
                    traits.Add((Text(arguments[0]), Text(arguments[1])));
                    break;
                default:
                    break;
            }
        }

        return traits;
    }

    // Enum arguments arrive as their underlying number; the metadata still knows the member's name.
    private static string Text(CustomAttributeTypedArgument argument)
    {
        if (argument.ArgumentType.IsEnum)
        {
            var field = argument.ArgumentType.GetFields(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(f => Equals(f.GetRawConstantValue(), argument.Value));
            return field?.Name ?? Convert.ToString(argument.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return Convert.ToString(argument.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static bool IsOrDerivesFrom(Type type, string fullName)
    {
        for (Type? current = type; current is not null; current = SafeBase(current))
        {
            if (current.FullName == fullName)
            {
                return true;
            }
        }

        return false;
    }

    private static Type? SafeBase(Type type)
    {
        try
        {
            return type.BaseType;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
