namespace Workbook.Cli.ClassGrading;

/// <summary>One student of a class: the name their files are written under, and their checkout.</summary>
public sealed record Student(string Name, string Checkout);
