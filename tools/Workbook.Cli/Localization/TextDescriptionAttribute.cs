using System.ComponentModel;
using System.Reflection;

namespace Workbook.Cli.Localization;

/// <summary>
/// An option's <c>--help</c> description read from a text class (e.g. <c>[TextDescription(typeof(HintText), nameof(HintText.LevelOption))]</c>)
/// when Spectre asks for it, so it is in the language chosen by then; an attribute's own arguments must be constants.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TextDescriptionAttribute(Type texts, string key) : DescriptionAttribute
{
    public Type Texts { get; } = texts;

    public string Key { get; } = key;

    public override string Description =>
        Texts.GetProperty(Key, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
            ?? throw new InvalidOperationException($"{Texts.Name} has no text {Key}.");
}
