namespace Workbook.Cli.Pristine;

/// <summary>A student's checkout cannot be graded at all (missing, or with no Exercises/): a class run gives it a row of zeros.</summary>
public sealed class UngradableCheckoutException(string status, string message) : Exception(message)
{
    public const string Missing = "missing";

    public const string NoExercises = "no-exercises";

    /// <summary>A short word for the gradebook's status column.</summary>
    public string Status { get; } = status;
}
