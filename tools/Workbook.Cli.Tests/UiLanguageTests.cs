using System.Globalization;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Tests;

public sealed class UiLanguageTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public void The_flag_wins_over_the_variable_which_wins_over_the_culture()
    {
        UiLanguage.Choose(["--lang", "en", "progress"], "vi", Vietnamese).Language.Should().Be(Language.English);
        UiLanguage.Choose(["progress"], "vi", English).Language.Should().Be(Language.Vietnamese);
        UiLanguage.Choose(["progress"], "en", Vietnamese).Language.Should().Be(Language.English);
        UiLanguage.Choose(["progress"], null, Vietnamese).Language.Should().Be(Language.Vietnamese);
        UiLanguage.Choose(["progress"], "  ", CultureInfo.GetCultureInfo("vi")).Language.Should().Be(Language.Vietnamese);
        UiLanguage.Choose(["progress"], null, English).Language.Should().Be(Language.English);
        UiLanguage.Choose(["progress"], null, CultureInfo.InvariantCulture).Language.Should().Be(Language.English);
    }

    [Theory]
    [InlineData("--lang", "vi", "progress")]
    [InlineData("progress", "--lang", "vi")]
    [InlineData("progress", "--lang=vi")]
    [InlineData("--lang=VI-vn", "progress")]
    public void The_flag_is_taken_before_or_after_the_verb_and_the_verb_never_sees_it(params string[] arguments)
    {
        var (language, rest) = UiLanguage.Choose(arguments, null, English);

        language.Should().Be(Language.Vietnamese);
        rest.Should().Equal("progress");
    }

    [Fact]
    public void Only_the_flag_is_taken_out_and_nothing_after_a_double_dash()
    {
        var (language, rest) = UiLanguage.Choose(["hint", "06", "--level", "2", "--lang", "vi", "--", "--lang", "en"], null, English);

        language.Should().Be(Language.Vietnamese);
        rest.Should().Equal("hint", "06", "--level", "2", "--", "--lang", "en");
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("fr-FR")]
    public void An_unknown_language_is_a_usage_error_naming_it(string value)
    {
        var choose = () => UiLanguage.Choose(["--lang", value, "progress"], null, English);

        choose.Should().Throw<UsageException>().WithMessage($"*'{value}'*--lang*vi or en*");
    }

    [Fact]
    public void An_unknown_WORKBOOK_LANG_is_a_usage_error_too_and_a_flag_without_a_value_one()
    {
        ((Action)(() => UiLanguage.Choose(["progress"], "klingon", English))).Should().Throw<UsageException>().WithMessage("*'klingon'*WORKBOOK_LANG*");
        ((Action)(() => UiLanguage.Choose(["progress", "--lang"], null, English))).Should().Throw<UsageException>().WithMessage("--lang needs a value*");
    }
}
