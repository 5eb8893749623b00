using System.Reflection;
using System.Text;

namespace Workbook.Tests.Api;

/// <summary>Describes an assembly's public surface as one line per type and member, for comparison.</summary>
public static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlySet<string> Of(Assembly assembly) =>
        assembly.GetExportedTypes().SelectMany(Describe).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Describe(Type type)
    {
        var name = Name(type);
        var interfaces = string.Join(", ", type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        yield return $"{Kind(type)} {name} : {(type.BaseType is null ? "-" : Name(type.BaseType))} [{interfaces}]";

        foreach (var member in type.GetMembers(Declared).Where(IsVisible))
        {
            var line = Member(member);
            if (line is not null)
            {
                yield return $"{name}::{line}";
            }
        }
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily),
        Type t => t.IsNestedPublic || t.IsNestedFamily,
        _ => false,
    };

    private static string? Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c.GetParameters())})",
        MethodInfo m when m.IsSpecialName => null, // property and event accessors are described with their owner
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{Generics(m)}({Parameters(m.GetParameters())})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod is { IsPublic: true } ? " get;" : string.Empty)}{Setter(p)} }}",
        FieldInfo f => $"{(f.IsStatic ? "static " : string.Empty)}{(f.IsLiteral ? "const " : f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}{(f.IsLiteral ? " = " + f.GetRawConstantValue() : string.Empty)}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type t => $"nested {Name(t)}",
        _ => null,
    };

    private static string Setter(PropertyInfo property)
    {
        if (property.SetMethod is not { IsPublic: true } setter)
        {
            return string.Empty;
        }

        var initOnly = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
        return initOnly ? " init;" : " set;";
    }

    private static string Generics(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(Name)) + ">" : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
    {
        var text = new StringBuilder();
        if (p.IsOut)
        {
            text.Append("out ");
        }
        else if (p.ParameterType.IsByRef)
        {
            text.Append("ref ");
        }

        text.Append(Name(p.ParameterType)).Append(' ').Append(p.Name);
        if (p.HasDefaultValue)
        {
            text.Append(" = ").Append(p.DefaultValue ?? "null");
        }

        return text.ToString();
    }));

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsAbstract: true } => "abstract class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var definition = type.GetGenericTypeDefinition().FullName ?? type.Name;
        return definition[..definition.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
