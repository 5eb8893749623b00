using System.Resources;

namespace Workbook.Cli.Localization;

/// <summary>The texts every verb shares: language selection, errors, the verbs' descriptions (<c>CommonText.resx</c>, Vietnamese in <c>CommonText.vi.resx</c>).</summary>
public static class CommonText
{
    private static readonly ResourceManager Resources = new("Workbook.Cli.Localization.CommonText", typeof(CommonText).Assembly);

    public static string LangNeedsValue(object? option) => Resx.Format(Resources, nameof(LangNeedsValue), option);

    public static string UnknownLanguage(object? value, object? source) => Resx.Format(Resources, nameof(UnknownLanguage), value, source);

    public static string Cancelled => Resx.Get(Resources, nameof(Cancelled));

    public static string NotInCheckout => Resx.Get(Resources, nameof(NotInCheckout));

    public static string NotACheckout(object? folder, object? project) => Resx.Format(Resources, nameof(NotACheckout), folder, project);

    public static string DoctorDescription => Resx.Get(Resources, nameof(DoctorDescription));

    public static string ProgressDescription => Resx.Get(Resources, nameof(ProgressDescription));

    public static string WatchDescription => Resx.Get(Resources, nameof(WatchDescription));

    public static string HintDescription => Resx.Get(Resources, nameof(HintDescription));

    public static string ExercisesOption => Resx.Get(Resources, nameof(ExercisesOption));

    public static string TargetOption => Resx.Get(Resources, nameof(TargetOption));

    public static string ResultsOption => Resx.Get(Resources, nameof(ResultsOption));

    public static string UnknownTarget(object? target) => Resx.Format(Resources, nameof(UnknownTarget), target);

    public static string GradeDescription => Resx.Get(Resources, nameof(GradeDescription));
}
